# Install rules and CPack: `cmake --build build/release --target package` makes a .deb.
include(GNUInstallDirs)

install(TARGETS runlog RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_SOURCE_DIR}/packaging/dev.runlog.Runlog.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/dev.runlog.Runlog.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${CMAKE_SOURCE_DIR}/resources/runlog.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME dev.runlog.Runlog.svg)

set(CPACK_PACKAGE_NAME "runlog")
set(CPACK_PACKAGE_VENDOR "The Runlog developers")
set(CPACK_PACKAGE_CONTACT "The Runlog developers <runlog@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# libsecret-1-0: QtKeychain dlopen()s it to reach the Secret Service, so shlibdeps cannot see it,
# and without it saved tokens fail on every non-KDE desktop. libqt6sql6-sqlite: Qt SQL loads its
# SQLite driver as a plugin, so it is invisible to shlibdeps too, and the library needs it.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libsecret-1-0, libqt6sql6-sqlite")
set(CPACK_STRIP_FILES ON)
include(CPack)
