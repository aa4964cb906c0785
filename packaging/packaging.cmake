# Install rules and CPack (.deb). Filled in by packaging work; kept minimal until then.
include(GNUInstallDirs)
install(TARGETS runlog RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
