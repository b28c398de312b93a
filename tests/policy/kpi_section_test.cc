// "kpi": the monthly figures, their measures and thresholds
// (src/policy/kpi_section.cc).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kefu/policy/policy.h"

namespace kefu::policy {
namespace {

std::vector<std::string> Errors(const std::string& section) {
  std::vector<std::string> lines;
  for (const Status& s : Policy::Check(R"({"version":"v","kpi":)" + section + "}"))
    lines.push_back(s.to_string());
  return lines;
}

TEST(KpiSection, ReadsTheFourMeasures) {
  Result<Policy> p = Policy::Parse(R"({"version":"v","kpi":{"calendar":"24x7","figures":[
      {"id":"order_response","on_time":["order.confirm"],"min":0.95},
      {"id":"satisfaction","mean":"satisfaction","of":"order.updated","min":85},
      {"id":"damage","count":"order.anomaly_recorded","when":{"anomaly":"damage"},"per":"order.signed","max":0.01},
      {"id":"valid","count":"complaint.created","when":{"valid":true},"max":5}]}})");
  ASSERT_TRUE(p.ok()) << p.status().to_string();
  const KpiSection& k = p->kpi();
  ASSERT_NE(k.calendar, nullptr);
  ASSERT_EQ(k.figures.size(), 4u);
  EXPECT_EQ(k.figures[0].measure, KpiMeasure::kOnTime);
  EXPECT_EQ(k.figures[0].slas, std::vector<std::string>{"order.confirm"});
  EXPECT_EQ(k.figures[1].measure, KpiMeasure::kMean);
  EXPECT_EQ(k.figures[1].of, "order.updated");
  EXPECT_EQ(k.figures[2].measure, KpiMeasure::kRatio);
  EXPECT_EQ(k.figures[2].per, "order.signed");
  EXPECT_EQ(k.figures[3].measure, KpiMeasure::kCount);
  EXPECT_EQ(*k.figures[3].max, 5);
  EXPECT_FALSE(k.figures[3].min.has_value());
}

TEST(KpiSection, ErrorsNameTheirPointer) {
  EXPECT_EQ(Errors(R"({"figures":[]})"),
            (std::vector<std::string>{
                R"(/kpi/figures: expected a non-empty array of figures, got [])",
                R"(/kpi: missing required key "calendar")"}));
  EXPECT_EQ(Errors(R"({"calendar":"24x7","figures":[
      {"id":"a"},
      {"id":"b","on_time":["x"],"mean":"s","of":"order.updated"},
      {"id":"c","count":"parcel.x","min":"high"},
      {"id":"d","mean":"s"},
      {"id":"e","on_time":["x"],"when":{}},
      {"id":"e","on_time":["y"]}]})"),
            (std::vector<std::string>{
                R"(/kpi/figures/0: expected exactly one measure: "on_time", "mean" or "count")",
                R"(/kpi/figures/1: expected exactly one measure: "on_time", "mean" or "count")",
                R"(/kpi/figures/2/count: expected an event type "<entity>.<name>", got "parcel.x")",
                R"(/kpi/figures/2/min: expected a number, got "high")",
                R"(/kpi/figures/3: missing required key "of": the event type whose attribute is averaged)",
                R"(/kpi/figures/4/when: "when" selects the events a "count" counts; expected it beside one)"}));
}

TEST(KpiSection, TheReferencePolicyDeclaresKpi1AndKpi2) {
  Result<Policy> p = Policy::Load(KEFU_SOURCE_DIR "/examples/policies/reference.json");
  ASSERT_TRUE(p.ok()) << p.status().to_string();
  std::vector<std::string> ids;
  for (const KpiFigure& f : p->kpi().figures) ids.push_back(f.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"order_response", "tracking_updates",
                                           "complaints_closed", "satisfaction",
                                           "claim_timeliness", "damage_shortage_rate",
                                           "valid_complaints"}));
}

}  // namespace
}  // namespace kefu::policy
