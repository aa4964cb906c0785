# SPDX-License-Identifier: MIT
# Writes the AppStream metainfo from packaging/dev.runlog.runlog.metainfo.xml.in. packaging.cmake
# includes this at configure time; tests run it as a script (cmake -D... -P) to validate the file
# both as a plain build writes it and as a packager with a web site would.
#
# AppStream accepts only http(s) addresses for screenshots (a path inside the package fails
# validation), and software centres download them from there. So the metainfo lists the
# screenshot only when a packager says where share/runlog/screenshots/ of the package is
# published; without one it lists none rather than point at a site that is not Runlog's.

# XML text may not hold a bare & or <; URLs may.
function(runlog_xml_escape text out_var)
    string(REPLACE "&" "&amp;" text "${text}")
    string(REPLACE "<" "&lt;" text "${text}")
    string(REPLACE ">" "&gt;" text "${text}")
    set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

function(runlog_write_metainfo template output homepage screenshot_base_url)
    set(RUNLOG_METAINFO_URLS "")
    if(homepage)
        runlog_xml_escape("${homepage}" homepage)
        set(RUNLOG_METAINFO_URLS "  <url type=\"homepage\">${homepage}</url>")
    endif()
    set(RUNLOG_METAINFO_SCREENSHOTS "")
    if(screenshot_base_url)
        string(REGEX REPLACE "/+$" "" screenshot_base_url "${screenshot_base_url}")
        runlog_xml_escape("${screenshot_base_url}/main-window.png" image_url)
        string(JOIN "\n" RUNLOG_METAINFO_SCREENSHOTS
            "  <screenshots>"
            "    <screenshot type=\"default\">"
            "      <caption>Runlog showing the demo run</caption>"
            "      <image type=\"source\">${image_url}</image>"
            "    </screenshot>"
            "  </screenshots>")
    endif()
    configure_file("${template}" "${output}" @ONLY)
endfunction()

if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
    runlog_write_metainfo("${CMAKE_CURRENT_LIST_DIR}/dev.runlog.runlog.metainfo.xml.in" "${OUTPUT}"
                          "${HOMEPAGE}" "${SCREENSHOT_BASE_URL}")
endif()
