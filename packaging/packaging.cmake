# SPDX-License-Identifier: MIT
# Install rules and CPack: `cmake --build --preset release --target package` makes a .deb that
# Debian's lintian accepts (packaging/check-package.sh, run by tests/run-all.sh, checks it).
include(GNUInstallDirs)
include(${CMAKE_CURRENT_LIST_DIR}/metainfo.cmake)

# Who answers for the package and where Runlog lives on the web are the packager's to say. The
# defaults claim nothing: .invalid is the top-level domain reserved for addresses that reach no
# one (RFC 2606), and without a homepage the package and the metainfo name none rather than
# borrow someone else's.
set(RUNLOG_MAINTAINER "The Runlog developers <maintainer@runlog.invalid>" CACHE STRING
    "Maintainer of the .deb, as \"Name <address>\"")
set(RUNLOG_HOMEPAGE "" CACHE STRING
    "Runlog's web site (https://...) for the .deb and AppStream; empty: none")
set(RUNLOG_SCREENSHOT_BASE_URL "" CACHE STRING
    "https:// address where share/runlog/screenshots/ of the package is published; empty: the metainfo lists no screenshot")
option(RUNLOG_MANPAGE "Generate the runlog(1) man page from runlog --help with help2man" ON)

if(NOT RUNLOG_MAINTAINER MATCHES "^[^<>@]+ <[^<>@ ]+@[^<>@ ]+\\.[^<>@ ]+>$")
    message(FATAL_ERROR "RUNLOG_MAINTAINER must look like \"Name <user@example.org>\", not \"${RUNLOG_MAINTAINER}\"")
endif()
foreach(url_variable RUNLOG_HOMEPAGE RUNLOG_SCREENSHOT_BASE_URL)
    if(${url_variable} AND NOT ${url_variable} MATCHES "^https://[^ ]+$")
        message(FATAL_ERROR "${url_variable} must be an https:// address, not \"${${url_variable}}\"")
    endif()
endforeach()
if(NOT RUNLOG_SCREENSHOT_BASE_URL)
    message(STATUS "AppStream metainfo without a screenshot: set RUNLOG_SCREENSHOT_BASE_URL to list one")
endif()

set(RUNLOG_PACKAGING_DIR ${CMAKE_BINARY_DIR}/packaging)
find_program(RUNLOG_GZIP gzip REQUIRED)

# --- Files made at configure time ---
runlog_write_metainfo(${CMAKE_CURRENT_LIST_DIR}/dev.runlog.runlog.metainfo.xml.in
                      ${RUNLOG_PACKAGING_DIR}/dev.runlog.runlog.metainfo.xml
                      "${RUNLOG_HOMEPAGE}" "${RUNLOG_SCREENSHOT_BASE_URL}")

# Debian's machine-readable copyright file, its licence text taken from LICENSE so the two cannot
# differ: the holders from the "Copyright (c)" line, the text after it as a License paragraph.
file(STRINGS ${CMAKE_SOURCE_DIR}/LICENSE license_lines)
set(RUNLOG_LICENSE_TEXT "")
set(RUNLOG_COPYRIGHT_HOLDERS "")
foreach(line IN LISTS license_lines)
    if(line MATCHES "^Copyright \\(c\\) (.+)$")
        set(RUNLOG_COPYRIGHT_HOLDERS "${CMAKE_MATCH_1}")
    elseif(RUNLOG_COPYRIGHT_HOLDERS)
        if(line STREQUAL "")
            string(APPEND RUNLOG_LICENSE_TEXT " .\n")
        else()
            string(APPEND RUNLOG_LICENSE_TEXT " ${line}\n")
        endif()
    endif()
endforeach()
string(REGEX REPLACE "^ \\.\n" "" RUNLOG_LICENSE_TEXT "${RUNLOG_LICENSE_TEXT}")
string(REGEX REPLACE "\n$" "" RUNLOG_LICENSE_TEXT "${RUNLOG_LICENSE_TEXT}")
if(NOT RUNLOG_COPYRIGHT_HOLDERS OR NOT RUNLOG_LICENSE_TEXT)
    message(FATAL_ERROR "LICENSE has no \"Copyright (c) ...\" line followed by the licence text")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/copyright.in ${RUNLOG_PACKAGING_DIR}/copyright @ONLY)
configure_file(${CMAKE_CURRENT_LIST_DIR}/changelog.in ${RUNLOG_PACKAGING_DIR}/changelog @ONLY)

# --- Files made at build time ---
# gzip -n: no name or time stamp in the header, so the same input makes the same package.
add_custom_command(OUTPUT ${RUNLOG_PACKAGING_DIR}/changelog.gz
    COMMAND ${RUNLOG_GZIP} -9nkf ${RUNLOG_PACKAGING_DIR}/changelog
    DEPENDS ${RUNLOG_PACKAGING_DIR}/changelog
    VERBATIM)
set(runlog_packaging_outputs ${RUNLOG_PACKAGING_DIR}/changelog.gz)

if(RUNLOG_MANPAGE)
    find_program(RUNLOG_HELP2MAN help2man)
    if(NOT RUNLOG_HELP2MAN)
        message(FATAL_ERROR "help2man not found: install it (bash packaging/install-deps.sh) "
                            "or configure with -DRUNLOG_MANPAGE=OFF")
    endif()
    # The options in the man page are runlog --help itself, run on the binary just built, so they
    # can never drift from the program; packaging/runlog.h2m adds what --help cannot hold.
    # ASAN_OPTIONS: a sanitizer build's leak report at exit must not fail the man page.
    add_custom_command(OUTPUT ${RUNLOG_PACKAGING_DIR}/runlog.1.gz
        COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
                ${RUNLOG_HELP2MAN} --no-info --include=${CMAKE_CURRENT_LIST_DIR}/runlog.h2m
                                   --output=${RUNLOG_PACKAGING_DIR}/runlog.1 $<TARGET_FILE:runlog>
        COMMAND ${RUNLOG_GZIP} -9nf ${RUNLOG_PACKAGING_DIR}/runlog.1
        DEPENDS runlog ${CMAKE_CURRENT_LIST_DIR}/runlog.h2m
        COMMENT "Generating runlog(1) from runlog --help"
        VERBATIM)
    list(APPEND runlog_packaging_outputs ${RUNLOG_PACKAGING_DIR}/runlog.1.gz)
endif()
add_custom_target(runlog_packaging_files ALL DEPENDS ${runlog_packaging_outputs})

# --- Install rules ---
install(TARGETS runlog RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# A stripped install (CPACK_STRIP_FILES) also drops the compiler's notes, as Debian's dh_strip does.
install(CODE "
    if(CMAKE_INSTALL_DO_STRIP)
        execute_process(COMMAND \"${CMAKE_STRIP}\" --remove-section=.comment --remove-section=.note
                                \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/runlog\"
                        COMMAND_ERROR_IS_FATAL ANY)
    endif()")
install(FILES ${CMAKE_CURRENT_LIST_DIR}/dev.runlog.runlog.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${RUNLOG_PACKAGING_DIR}/dev.runlog.runlog.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${CMAKE_SOURCE_DIR}/resources/runlog.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME dev.runlog.runlog.svg)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/runlog.mime.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
        RENAME runlog.xml)
# The image the metainfo's screenshot address must serve (RUNLOG_SCREENSHOT_BASE_URL).
install(FILES ${CMAKE_SOURCE_DIR}/resources/screenshot.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/runlog/screenshots
        RENAME main-window.png)
# Where bash-completion looks when runlog is first completed.
install(FILES ${CMAKE_CURRENT_LIST_DIR}/runlog.bash-completion
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME runlog)
if(RUNLOG_MANPAGE)
    install(FILES ${RUNLOG_PACKAGING_DIR}/runlog.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()
install(FILES ${RUNLOG_PACKAGING_DIR}/copyright ${RUNLOG_PACKAGING_DIR}/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

# --- The .deb ---
set(CPACK_PACKAGE_NAME "runlog")
set(CPACK_PACKAGE_VENDOR "The Runlog developers")
set(CPACK_PACKAGE_CONTACT "${RUNLOG_MAINTAINER}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION_FILE "${CMAKE_CURRENT_LIST_DIR}/description.txt")
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_SOURCE_DIR}/LICENSE")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${RUNLOG_MAINTAINER}")
if(RUNLOG_HOMEPAGE)
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${RUNLOG_HOMEPAGE}")
endif()
# A viewer for log files, where Debian files glogg.
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# libsecret-1-0: QtKeychain dlopen()s it to reach the Secret Service, so shlibdeps cannot see it,
# and without it saved tokens fail on every non-KDE desktop. libqt6sql6-sqlite: Qt SQL loads its
# SQLite driver as a plugin, so it is invisible to shlibdeps too, and the library needs it.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libsecret-1-0, libqt6sql6-sqlite")
# Runs hold every script and emoji: fonts that draw them, recommended (a system may have others).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-core, fonts-noto-cjk, fonts-noto-color-emoji")
set(CPACK_STRIP_FILES ON)
# Directories as Debian expects them whatever the packager's umask.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
include(CPack)
