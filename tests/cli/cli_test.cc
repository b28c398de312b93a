// The `kefu` binary, run as a subprocess: DESIGN.md's command-line contract
// for `due`, `elapsed` and `check`, and the exit statuses 0, 2 and 3.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/kefu_process.h"

namespace kefu::cli {
namespace {

using testing::Kefu;
using testing::kReference;
using testing::Outcome;

// Writes `text` to a temporary policy file and returns its path.
std::string PolicyFile(const std::string& stem, const std::string& text) {
  return testing::TempFile(stem + ".json", text);
}

Outcome Due(const std::string& from, const std::string& spec,
        const std::string& calendar = "office") {
  return Kefu({"due", "--policy", kReference, "--calendar", calendar,
               "--from", from, "--duration", spec});
}

int LineCount(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

// --- due ------------------------------------------------------------------

TEST(DueCommand, ReferenceGoldenCases) {
  const std::string from = "2026-09-30T17:00:00+08:00";
  struct Case {
    std::string from, spec, due;
  };
  for (const Case& c : std::vector<Case>{
           {from, "1h", "2026-09-30T18:00:00+08:00"},
           {from, "4h", "2026-10-08T11:30:00+08:00"},
           {from, "3wd", "2026-10-10T18:00:00+08:00"},
           {from, "15d", "2026-10-15T18:00:00+08:00"},
           {from, R"({"at":"17:00"})", "2026-10-08T17:00:00+08:00"},
           {"2026-01-31T10:00:00+08:00", "1mo", "2026-02-28T18:00:00+08:00"},
       }) {
    SCOPED_TRACE(c.spec);
    Outcome run = Due(c.from, c.spec);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out, c.due + "\n");
    EXPECT_EQ(run.err, "");
  }
}

TEST(DueCommand, PrintsInTheCalendarOffset) {
  Outcome run = Due("2026-09-30T09:00:00Z", "15d", "cn-24x7");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "2026-10-16T00:00:00+08:00\n");
  run = Due("2026-09-30T17:00:00+08:00", "1h", "24x7");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "2026-09-30T10:00:00+00:00\n");
}

TEST(DueCommand, FlagsWithEqualsSign) {
  Outcome run = Kefu({"due", "--policy=" + kReference, "--calendar=office",
                  "--from=2026-09-30T17:00:00+08:00", "--duration=3wd"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "2026-10-10T18:00:00+08:00\n");
}

TEST(DueCommand, BadFromIsInvalidInput) {
  Outcome run = Due("2026-09-30T17:00:00", "1h");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err.rfind("error: --from: ", 0), 0u) << run.err;
  EXPECT_EQ(LineCount(run.err), 1);
}

TEST(DueCommand, BadDurationIsInvalidInput) {
  Outcome run = Due("2026-09-30T17:00:00+08:00", R"({"at":"17:00","x":1})");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.err,
            "error: --duration: /x: unknown key \"x\"; expected one of "
            "\"at\", \"weekday\", \"day_of_month\", \"months_after\"\n");
}

TEST(DueCommand, YearWithoutHolidayDataIsInvalidInput) {
  Outcome run = Due("2030-03-02T09:00:00+08:00", "1h");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("2030"), std::string::npos) << run.err;
}

TEST(DueCommand, UnknownCalendarIsInvalidInput) {
  Outcome run = Due("2026-09-30T17:00:00+08:00", "1h", "ofice");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.err,
            "error: unknown calendar \"ofice\"; policy " + kReference +
                " defines 24x7 cn-24x7 office warehouse\n");
}

TEST(DueCommand, MissingPolicyFileIsInvalidInput) {
  Outcome run = Kefu({"due", "--policy", "/nonexistent/p.json", "--calendar", "x",
                  "--from", "2026-09-30T17:00:00+08:00", "--duration", "1h"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.err,
            "error: cannot read the policy file \"/nonexistent/p.json\": No "
            "such file or directory\n");
}

TEST(DueCommand, InvalidPolicyIsInvalidInput) {
  std::string path = PolicyFile("invalid_for_due", R"({"version":"v",
      "calendars":{"c":{"utc_offset":"+08:00","week":{"mon":["9-5"]}}}})");
  Outcome run = Kefu({"due", "--policy", path, "--calendar", "c", "--from",
                  "2026-09-30T17:00:00+08:00", "--duration", "1h"});
  std::remove(path.c_str());
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.err, "error: policy " + path +
                         ": /calendars/c/week/mon/0: expected an interval "
                         "\"HH:MM-HH:MM\" of times from 00:00 to 24:00, got "
                         "\"9-5\"\n");
}

TEST(DueCommand, BatchAnswersEachLine) {
  Outcome run = Kefu({"due", "--policy", kReference, "--calendar", "office"},
                 "2026-09-30T17:00:00+08:00 1h\n"
                 "2026-09-30T17:00:00+08:00 3wd\n"
                 "2026-09-30T17:00:00+08:00 {\"at\": \"17:00\"}\n"
                 "2026-01-31T10:00:00+08:00\t1mo\r\n"
                 "2026-09-30T17:00:00+08:00 4h");  // no final newline
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            "2026-09-30T18:00:00+08:00\n"
            "2026-10-10T18:00:00+08:00\n"
            "2026-10-08T17:00:00+08:00\n"
            "2026-02-28T18:00:00+08:00\n"
            "2026-10-08T11:30:00+08:00\n");
  EXPECT_EQ(run.err, "");
}

TEST(DueCommand, BatchBadLineAnswersErrorInItsPlace) {
  Outcome run = Kefu({"due", "--policy", kReference, "--calendar", "office"},
                 "2026-09-30T17:00:00+08:00 1h\n"
                 "2026-09-30T17:00:00+08:00\n"
                 "yesterday 1h\n"
                 "\n"
                 "2026-09-30T17:00:00+08:00 {\"at\":\"25:00\"}\n"
                 "2026-09-30T17:00:00+08:00 3wd\n");
  EXPECT_EQ(run.exit_code, 3);
  std::istringstream out(run.out);
  std::vector<std::string> lines;
  for (std::string line; std::getline(out, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 6u) << run.out;
  EXPECT_EQ(lines[0], "2026-09-30T18:00:00+08:00");
  EXPECT_EQ(lines[1],
            "error: expected \"FROM SPEC\" (an instant, a blank, a due spec), "
            "got \"2026-09-30T17:00:00+08:00\"");
  EXPECT_EQ(lines[2].rfind("error: ", 0), 0u) << lines[2];
  EXPECT_EQ(lines[3],
            "error: expected \"FROM SPEC\" (an instant, a blank, a due spec), "
            "got an empty line");
  EXPECT_EQ(lines[4],
            "error: /at: expected a local time \"HH:MM\" from 00:00 to 24:00, "
            "got \"25:00\"");
  EXPECT_EQ(lines[5], "2026-10-10T18:00:00+08:00");
  // stderr names each bad line.
  EXPECT_EQ(LineCount(run.err), 4) << run.err;
  EXPECT_EQ(run.err.rfind("error: line 2: ", 0), 0u) << run.err;
}

TEST(DueCommand, BatchOnEmptyInputAnswersNothing) {
  Outcome run = Kefu({"due", "--policy", kReference, "--calendar", "office"}, "");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "");
}

TEST(DueCommand, FromWithoutDurationIsAUsageError) {
  Outcome run = Kefu({"due", "--policy", kReference, "--calendar", "office",
                  "--from", "2026-09-30T17:00:00+08:00"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err.rfind("error: due needs both --from and --duration", 0),
            0u)
      << run.err;
  EXPECT_NE(run.err.find("usage: kefu due"), std::string::npos);
}

TEST(DueCommand, MissingCalendarIsAUsageError) {
  Outcome run = Kefu({"due", "--policy", kReference, "--from",
                  "2026-09-30T17:00:00+08:00", "--duration", "1h"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err.rfind("error: due needs --policy and --calendar\n", 0),
            0u)
      << run.err;
}

// --- elapsed --------------------------------------------------------------

TEST(ElapsedCommand, PrintsOpenSeconds) {
  Outcome run = Kefu({"elapsed", "--policy", kReference, "--calendar", "office",
                  "--from", "2026-09-30T17:00:00+08:00", "--to",
                  "2026-10-08T11:30:00+08:00"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "14400\n");
  EXPECT_EQ(run.err, "");
}

TEST(ElapsedCommand, EqualInstantsAreZero) {
  Outcome run = Kefu({"elapsed", "--policy", kReference, "--calendar", "24x7",
                  "--from", "2026-09-30T17:00:00+08:00", "--to",
                  "2026-09-30T09:00:00Z"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "0\n");
}

TEST(ElapsedCommand, ToBeforeFromIsInvalidInput) {
  Outcome run = Kefu({"elapsed", "--policy", kReference, "--calendar", "office",
                  "--from", "2026-10-08T11:30:00+08:00", "--to",
                  "2026-09-30T17:00:00+08:00"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "error: --to 2026-09-30T17:00:00+08:00 is before --from "
            "2026-10-08T11:30:00+08:00\n");
}

TEST(ElapsedCommand, BadInstantIsInvalidInput) {
  Outcome run = Kefu({"elapsed", "--policy", kReference, "--calendar", "office",
                  "--from", "2026-09-30T17:00:00+08:00", "--to", "soon"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.err.rfind("error: --to: ", 0), 0u) << run.err;
}

TEST(ElapsedCommand, MissingToIsAUsageError) {
  Outcome run = Kefu({"elapsed", "--policy", kReference, "--calendar", "office",
                  "--from", "2026-09-30T17:00:00+08:00"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("usage: kefu elapsed"), std::string::npos);
}

// --- check ----------------------------------------------------------------

TEST(CheckCommand, ReferencePolicyIsValid) {
  Outcome run = Kefu({"check", "--policy", kReference});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "ok: policy cn-logistics-2026.1, 3 calendars\n");
  EXPECT_EQ(run.err, "");
}

TEST(CheckCommand, OneCalendarIsSingular) {
  std::string path = PolicyFile("one_calendar", R"({"version":"v2",
      "calendars":{"c":{"utc_offset":"+08:00","week":{"mon":["09:00-17:00"]}}}})");
  Outcome run = Kefu({"check", "--policy", path});
  std::remove(path.c_str());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "ok: policy v2, 1 calendar\n");
}

TEST(CheckCommand, PrintsEveryErrorWithItsPointer) {
  std::string path = PolicyFile("many_errors", R"({"version":"v",
      "calendars":{"office":{"utc_offset":"+08:00",
        "week":{"mon":["08:30-12:00","11:00-13:00"],"tues":[]},
        "holidays":["cn-statutory","cn-other"]}},
      "escalation":{"ladders":[]}})");
  Outcome run = Kefu({"check", "--policy", path});
  std::remove(path.c_str());
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "/calendars/office/week/mon/1: expected an interval "
            "\"HH:MM-HH:MM\" ascending and not overlapping the previous one, "
            "got \"11:00-13:00\"\n"
            "/calendars/office/week/tues: unknown weekday \"tues\"; expected "
            "one of \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", "
            "\"sun\"\n"
            "/calendars/office/holidays/1: expected a bundled holiday set "
            "name such as \"cn-statutory\" or an inline set "
            "{\"off\":[dates],\"workdays\":[dates],...}, got \"cn-other\"\n"
            "/escalation/ladders: expected a non-empty array of ladders, "
            "got []\n");
}

TEST(CheckCommand, SyntaxErrorGivesTheByteOffset) {
  std::string path = PolicyFile("syntax", "{\"version\": \"v\",,}");
  Outcome run = Kefu({"check", "--policy", path});
  std::remove(path.c_str());
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.err.rfind("invalid JSON at byte 17 (line 1, column 17): ", 0),
            0u)
      << run.err;
  EXPECT_EQ(LineCount(run.err), 1);
}

TEST(CheckCommand, MissingFileIsInvalidInput) {
  Outcome run = Kefu({"check", "--policy", "/nonexistent/p.json"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.err,
            "error: cannot read the policy file \"/nonexistent/p.json\": No "
            "such file or directory\n");
}

TEST(CheckCommand, MissingPolicyFlagIsAUsageError) {
  Outcome run = Kefu({"check"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err.rfind("error: check needs --policy\n", 0), 0u) << run.err;
}

// --- the command line as a whole ------------------------------------------

TEST(Cli, NoCommandIsAUsageError) {
  Outcome run = Kefu({});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("usage: kefu <command>"), std::string::npos);
}

TEST(Cli, UnknownCommandIsAUsageErrorListingTheCommands) {
  Outcome run = Kefu({"dew"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err.rfind("error: unknown command \"dew\"\n", 0), 0u)
      << run.err;
  for (const char* command : {"due", "elapsed", "check", "help"}) {
    EXPECT_NE(run.err.find(std::string("\n  ") + command + " "),
              std::string::npos)
        << command;
  }
}

TEST(Cli, UnknownFlagIsAUsageError) {
  Outcome run = Kefu({"due", "--policy", kReference, "--calendar", "office",
                  "--frm", "2026-09-30T17:00:00+08:00", "--duration", "1h"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err.rfind("error: unknown flag \"--frm\"; expected one of "
                          "--policy, --calendar, --from, --duration\n",
                          0),
            0u)
      << run.err;
  EXPECT_NE(run.err.find("usage: kefu due"), std::string::npos);
}

TEST(Cli, FlagWithoutValueIsAUsageError) {
  Outcome run = Kefu({"check", "--policy"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err.rfind("error: flag --policy needs a value\n", 0), 0u)
      << run.err;
}

TEST(Cli, RepeatedFlagIsAUsageError) {
  Outcome run = Kefu({"check", "--policy", kReference, "--policy", kReference});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err.rfind("error: flag --policy given twice\n", 0), 0u)
      << run.err;
}

TEST(Cli, StrayArgumentIsAUsageError) {
  Outcome run = Kefu({"check", kReference});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err.rfind("error: unexpected argument", 0), 0u) << run.err;
}

TEST(Cli, HelpGoesToStdout) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"help"}, {"--help"}, {"-h"}}) {
    Outcome run = Kefu(args);
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_EQ(run.out.rfind("usage: kefu <command>", 0), 0u) << run.out;
    EXPECT_EQ(run.err, "");
  }
}

TEST(Cli, CommandHelp) {
  Outcome run = Kefu({"help", "elapsed"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out.rfind("usage: kefu elapsed", 0), 0u) << run.out;
  run = Kefu({"due", "--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out.rfind("usage: kefu due", 0), 0u) << run.out;
  run = Kefu({"help", "nope"});
  EXPECT_EQ(run.exit_code, 2);
}

}  // namespace
}  // namespace kefu::cli
