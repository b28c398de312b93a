// The bundled holiday sets, read from the data compiled into the library.
//
// The data is parsed on each request rather than cached: a policy asks once
// per calendar it compiles, and no global state is worth that.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "kefu/time/calendar.h"
#include "time/bundled_data.h"

namespace kefu::time {
namespace {

Result<HolidaySet> parse_bundled(std::string_view name, std::string_view text) {
  auto broken = [&](const std::string& why) {
    // The data ships with the library and is tested; this means a bad build.
    return Status::InvalidArgument("bundled holiday set \"" + std::string(name) +
                                   "\" is damaged: " + why);
  };
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return broken("not a JSON object");
  HolidaySet set;
  set.name = std::string(name);
  set.bundled = true;
  try {
    for (const auto& y : doc.at("years")) set.years.push_back(y.get<int>());
    auto dates = [&](const nlohmann::json& list, std::vector<Date>& out) -> Status {
      for (const auto& d : list) {
        Result<Date> date = parse_date(d.get<std::string>());
        if (!date.ok()) return date.status();
        out.push_back(*date);
      }
      return Status();
    };
    for (const auto& block : doc.at("blocks")) {
      std::size_t off_before = set.off.size(), work_before = set.workdays.size();
      if (Status s = dates(block.at("off"), set.off); !s.ok()) return broken(s.message());
      if (Status s = dates(block.at("workdays"), set.workdays); !s.ok())
        return broken(s.message());
      std::vector<Date> all(set.off.begin() + static_cast<std::ptrdiff_t>(off_before),
                            set.off.end());
      all.insert(all.end(), set.workdays.begin() + static_cast<std::ptrdiff_t>(work_before),
                 set.workdays.end());
      if (all.empty()) return broken("a block without dates");
      std::sort(all.begin(), all.end());
      set.notices.push_back(HolidayNotice{all.front(), all.back(), all,
                                          block.at("holiday").get<std::string>(),
                                          block.at("notice").get<std::string>()});
    }
  } catch (const nlohmann::json::exception& e) {
    return broken(e.what());
  }
  return set;
}

}  // namespace

Result<HolidaySet> bundled_holiday_set(std::string_view name) {
  if (name == "cn-statutory") return parse_bundled(name, internal::cn_statutory_json());
  return Status::NotFound("unknown holiday set \"" + std::string(name) +
                          "\": the bundled sets are \"cn-statutory\"");
}

}  // namespace kefu::time
