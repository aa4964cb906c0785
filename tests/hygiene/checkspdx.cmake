# SPDX-License-Identifier: MIT
# Every source file of the project names its licence in its first lines, as Qt and KDE do, so a
# file copied out of the tree still says under which terms. Fails naming the files that do not.
#
# Input: SOURCE_DIR (the project's top folder).
if(NOT DEFINED SOURCE_DIR)
    message(FATAL_ERROR "checkspdx.cmake needs -DSOURCE_DIR=...")
endif()
file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}"
     "${SOURCE_DIR}/app/*.cpp" "${SOURCE_DIR}/app/*.h" "${SOURCE_DIR}/ui/*.cpp" "${SOURCE_DIR}/ui/*.h"
     "${SOURCE_DIR}/tests/*.cpp" "${SOURCE_DIR}/tests/*.h" "${SOURCE_DIR}/CMakeLists.txt"
     "${SOURCE_DIR}/app/CMakeLists.txt" "${SOURCE_DIR}/ui/CMakeLists.txt" "${SOURCE_DIR}/tests/*CMakeLists.txt"
     "${SOURCE_DIR}/tests/*.cmake" "${SOURCE_DIR}/packaging/*.cmake" "${SOURCE_DIR}/packaging/*.sh"
     "${SOURCE_DIR}/tests/*.sh")
set(missing "")
foreach(source IN LISTS sources)
    file(STRINGS "${SOURCE_DIR}/${source}" head LIMIT_COUNT 3)
    if(NOT head MATCHES "SPDX-License-Identifier: MIT")
        list(APPEND missing "${source}")
    endif()
endforeach()
list(LENGTH sources checked)
if(missing)
    list(LENGTH missing missing_count)
    string(REPLACE ";" "\n  " missing "${missing}")
    message(FATAL_ERROR "${missing_count} of ${checked} source files have no SPDX-License-Identifier line "
                        "in their first three lines:\n  ${missing}")
endif()
message(STATUS "All ${checked} source files carry an SPDX licence line.")
