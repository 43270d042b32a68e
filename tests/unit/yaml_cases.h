// Tests: scalars that trip YAML up, shared by the writer's property test, the hostile
// strings test and the corpus written for the independent YAML 1.1/1.2 check
// (tests/conformance/); and the oracle of what a plain scalar resolves to.
#pragma once

#include <random>
#include <regex>
#include <string>
#include <vector>

namespace svcc::testing {

// An oracle independent of the writer: the implicit types of YAML 1.1 and the 1.2
// core schema. A plain scalar matching any of these would not read back as a string
// in some parser.
inline bool resolvesToNonString(const std::string& s) {
  static const std::regex kTypes(
      // null
      "|~|null|Null|NULL"
      // YAML 1.1 bool
      "|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
      // YAML 1.1 int: binary, octal, decimal, hex, sexagesimal; 1.2 octal
      "|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
      "|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+|0o[0-7]+"
      // YAML 1.1 float and 1.2 float
      "|[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*"
      "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?"
      // YAML 1.1 timestamp: a date, or a date and a time
      "|[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
      "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?([Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9]"
      "(\\.[0-9]*)?([ \t]*(Z|[-+][0-9][0-9]?(:[0-9][0-9])?))?"
      // merge and value keys
      "|<<|=");
  return std::regex_match(s, kTypes);
}

inline const std::vector<std::string>& trickyScalars() {
  static const std::vector<std::string> all = {
      "yes",
      "Yes",
      "YES",
      "no",
      "No",
      "NO",
      "on",
      "On",
      "ON",
      "off",
      "Off",
      "OFF",
      "y",
      "Y",
      "n",
      "N",
      "true",
      "True",
      "TRUE",
      "false",
      "False",
      "FALSE",
      "yEs",
      "nO",
      "oFf",
      "null",
      "Null",
      "NULL",
      "nUlL",
      "~",
      "",
      "1.0",
      "0755",
      "0x1F",
      "0X1f",
      "1e3",
      "1E3",
      "1e+3",
      ".5",
      "+1",
      "-1",
      "+.5",
      "1_000",
      "0b101",
      "0o17",
      "1:20",
      "190:20:30.15",
      ".inf",
      "-.inf",
      "+.Inf",
      ".nan",
      ".NaN",
      "0",
      "12",
      "3.",
      "6.8523015e+5",
      "685.230_15e+03",
      " leading",
      "trailing ",
      " both ",
      "\t",
      "a: b",
      "a:",
      "key:value",
      "a #b",
      "a#b",
      "#a",
      "-",
      "- a",
      "-a",
      "?",
      "? a",
      ":",
      ": a",
      ",",
      "[",
      "]",
      "{",
      "}",
      "&a",
      "*a",
      "!a",
      "!!str",
      "|",
      ">",
      "'",
      "\"",
      "%a",
      "@a",
      "`a",
      "<<",
      "=",
      "line\nbreak",
      "trailing newline\n",
      "\n",
      "\r\n",
      "tab\there",
      "bell\a",
      "nul\x01",
      "del\x7f",
      "esc\x1b",
      "back\\slash",
      "quote\"d",
      "it's",
      "h\u00e9llo",
      "\u65e5\u672c\u8a9e",
      "\U0001F600",
      "nel\u0085",
      "ls\u2028",
      "ps\u2029",
      "bom\ufeff",
      "c1\u0080",
      "\u00a0nbsp",
      "2001-12-14",
      "2001-12-14t21:59:43.10-05:00",
      "2001-12-14 21:59:43.10 -5",
      "---",
      "...",
      "--- a",
      "a\n---\nb",
      "500m",
      "128Mi",
      "1.4.2",
      "http://x:80/a?b#c",
      "${name}",
      "a, b",
      "a [b]",
      "{a}",
  };
  return all;
}

// Strings built from the pieces that trip YAML up, in random combinations.
inline std::string randomString(std::mt19937& rng) {
  static const std::vector<std::string> kPieces = {"a",
                                                   "Z",
                                                   "x",
                                                   "0",
                                                   "1",
                                                   "9",
                                                   ".",
                                                   "-",
                                                   "+",
                                                   "_",
                                                   ":",
                                                   ": ",
                                                   " #",
                                                   "#",
                                                   " ",
                                                   "  ",
                                                   "\t",
                                                   "\n",
                                                   "\r",
                                                   "\"",
                                                   "'",
                                                   "\\",
                                                   "?",
                                                   ",",
                                                   "[",
                                                   "]",
                                                   "{",
                                                   "}",
                                                   "&",
                                                   "*",
                                                   "!",
                                                   "|",
                                                   ">",
                                                   "%",
                                                   "@",
                                                   "`",
                                                   "~",
                                                   "<<",
                                                   "=",
                                                   "e",
                                                   "E",
                                                   "x",
                                                   "0x",
                                                   "inf",
                                                   "nan",
                                                   "yes",
                                                   "no",
                                                   "on",
                                                   "off",
                                                   "null",
                                                   "true",
                                                   "False",
                                                   "Y",
                                                   "n",
                                                   "2001-12-14",
                                                   "1.0",
                                                   "0755",
                                                   "1e3",
                                                   "\x01",
                                                   "\x1f",
                                                   "\x7f",
                                                   "\xc3\xa9",
                                                   "\xe6\x97\xa5",
                                                   "\xf0\x9f\x98\x80",
                                                   "\xc2\x85",
                                                   "\xe2\x80\xa8",
                                                   "\xef\xbb\xbf",
                                                   "\xc2\xa0",
                                                   "---",
                                                   "...",
                                                   "/",
                                                   "$",
                                                   "{{",
                                                   "}}",
                                                   "%YAML"};
  std::uniform_int_distribution<size_t> count(0, 6);
  std::uniform_int_distribution<size_t> pick(0, kPieces.size() - 1);
  std::string s;
  for (size_t n = count(rng); n > 0; --n) s += kPieces[pick(rng)];
  return s;
}

}  // namespace svcc::testing
