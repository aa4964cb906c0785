// SPDX-License-Identifier: MIT
// The precompiled headers of the test suites (tests/CMakeLists.txt) are built with this empty
// source: a library needs one to carry them.
