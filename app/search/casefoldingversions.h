// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringView>

// Whether Qt's case folding can stand for PCRE2's caseless matching. The regex prefilter lists a
// non-ASCII letter's spellings from Qt's tables (QChar::toCaseFolded), while PCRE2 matches with
// its own: when the two follow different Unicode versions a letter may have gained a capital in
// one and not the other (U+019B ƛ got U+A7DC in Unicode 16), and a spelling PCRE2 matches would
// be missing from the list, ruling out an entry that matches. The prefilter then cuts the text
// at such letters, as before it listed spellings.
namespace CaseFoldingVersions {

// Qt's Unicode version as "major.minor"; empty for a version this build does not name.
QString qtUnicodeVersion();
// The Unicode version of the PCRE2 library the search matches with ("14.0.0"); empty without
// one. With both code widths linked, the 8-bit one's (each entry's UTF-8 is matched with it) when
// both agree, else empty.
QString matcherUnicodeVersion();
// The same major and minor version, neither empty: "14.0" and "14.0.0" are, "15.1" and "16.0.0"
// are not.
bool sameVersion(QStringView qt, QStringView pcre2);
// sameVersion of the two above, found once.
bool qtFoldsAsTheMatcher();

}
