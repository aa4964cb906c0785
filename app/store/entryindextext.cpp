// SPDX-License-Identifier: MIT
#include "store/entryindextext.h"

#include "search/searchtext.h"

EntryIndexText EntryIndexText::of(QByteArrayView rawEntryJson)
{
    SearchText searchText = SearchText::fromEntryJson(rawEntryJson);
    EntryIndexText result;
    result.foldsIntoAscii = searchText.foldsIntoAscii();
    result.text = std::move(searchText.bytes);
    result.text.replace(SearchText::kSeparator, '\n');
    return result;
}
