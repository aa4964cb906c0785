// SPDX-License-Identifier: MIT
#include "api/inflightbudget.h"

ByteBudget &InFlightBudget::shared()
{
    static ByteBudget budget(kDefaultMaxBytes);
    return budget;
}
