// SPDX-License-Identifier: MIT
#include "json/parsebudget.h"

ByteBudget &ParseBudget::shared()
{
    static ByteBudget budget(kDefaultMaxBytes);
    return budget;
}
