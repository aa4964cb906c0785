# SPDX-License-Identifier: MIT
# Fails when resources/i18n/runlog_en.ts no longer matches the sources: a string added, changed or
# removed without `cmake --build <dir> --target update_translations`. It runs lupdate exactly as
# that target does (same project description, same options) on a copy of the catalogue and
# compares the copy with the committed file, so the catalogue can never silently fall behind.
#
# Inputs: LUPDATE, PROJECT_IN (the .lupdate/<target>_project.cmake Qt writes at configure time),
# GENERATOR (Qt's GenerateLUpdateProject.cmake), CATALOGUE (the committed .ts), WORK_DIR.
foreach(input LUPDATE PROJECT_IN GENERATOR CATALOGUE WORK_DIR)
    if(NOT DEFINED ${input})
        message(FATAL_ERROR "checkcatalogue.cmake needs -D${input}=...")
    endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
get_filename_component(catalogue_name "${CATALOGUE}" NAME)
set(fresh_catalogue "${WORK_DIR}/${catalogue_name}")
configure_file("${CATALOGUE}" "${fresh_catalogue}" COPYONLY)

# The project description names the committed catalogue; point it at the copy instead.
file(READ "${PROJECT_IN}" project_text)
string(REPLACE "${CATALOGUE}" "${fresh_catalogue}" project_text "${project_text}")
file(WRITE "${WORK_DIR}/project.cmake" "${project_text}")
execute_process(
    COMMAND "${CMAKE_COMMAND}" -DIN_FILE=${WORK_DIR}/project.cmake
            -DOUT_FILE=${WORK_DIR}/project.json -P "${GENERATOR}"
    RESULT_VARIABLE generate_result)
if(NOT generate_result EQUAL 0)
    message(FATAL_ERROR "Could not describe the lupdate project (${generate_result})")
endif()

execute_process(
    COMMAND "${LUPDATE}" -project "${WORK_DIR}/project.json" -no-obsolete -locations none
            -source-language en -target-language en
    RESULT_VARIABLE lupdate_result
    OUTPUT_VARIABLE lupdate_output
    ERROR_VARIABLE lupdate_errors)
if(NOT lupdate_result EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${lupdate_result}):\n${lupdate_output}${lupdate_errors}")
endif()
# lupdate reports a tr() it cannot place in a context ("Cannot invoke tr() like this", "Qualifying
# with unknown namespace/class") as a warning; such a string would land in the wrong context and
# never be translated, so it is a failure here.
string(REGEX MATCHALL "[^\n]*(Cannot invoke|unknown namespace|Circular inclusion|Unbalanced)[^\n]*"
       lupdate_problems "${lupdate_errors}${lupdate_output}")
if(lupdate_problems)
    string(REPLACE ";" "\n" lupdate_problems "${lupdate_problems}")
    message(FATAL_ERROR "lupdate could not place every string:\n${lupdate_problems}")
endif()

file(READ "${CATALOGUE}" committed)
file(READ "${fresh_catalogue}" fresh)
if(NOT committed STREQUAL fresh)
    execute_process(COMMAND diff -u "${CATALOGUE}" "${fresh_catalogue}" OUTPUT_VARIABLE difference)
    message(FATAL_ERROR "${CATALOGUE} is out of date with the sources. Refresh it with\n"
                        "  cmake --build <build dir> --target update_translations\n"
                        "Difference:\n${difference}")
endif()
# Every count is a tr() with %n: English needs its singular and plural written in the catalogue
# ("1 entry", "2 entries"), or Runlog says "1 entries".
if(committed MATCHES "<numerusform></numerusform>")
    message(FATAL_ERROR "${CATALOGUE} has plural forms to fill. Fill them with\n"
                        "  python3 resources/i18n/fill-english-plurals.py")
endif()
message(STATUS "The catalogue holds every translatable string of the sources.")
