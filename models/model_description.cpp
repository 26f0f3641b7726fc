#include "models/model_description.hpp"

#include <sstream>

#include "models/pathways_model.hpp"

namespace drempel {
namespace {

template <class Group>
void describe_group(std::ostringstream& out, const char* indent) {
  describe_columns<Group>([&](const char* name, std::size_t bytes, Heat heat, const char* doc) {
    out << indent << name << " (" << bytes << " B, " << (heat == Heat::kHot ? "hot" : "cold")
        << "): " << doc << "\n";
  });
}

template <class M>
void describe_mechanism(std::ostringstream& out, std::size_t position) {
  out << position << ". " << M::kName << "\n";
  for (const StreamInfo& s : M::kStreams) out << "   stream " << s.id << ": " << s.purpose << "\n";
  if constexpr (requires { typename M::Columns; }) {
    out << "   columns:\n";
    describe_group<typename M::Columns>(out, "     ");
  }
  if constexpr (requires { M::kPlaces; }) {
    out << "   places:";
    for (const auto place : M::kPlaces) out << " " << kUnitResourceNames[place];
    out << "\n";
  }
  for (const MetricInfo& m : M::kMetrics)
    out << "   metric " << m.name << " [" << m.units << "]: " << m.long_name << "\n";
}

template <class... Ms>
void describe_list(std::ostringstream& out, MechanismList<Ms...>) {
  std::size_t position = 1;
  (describe_mechanism<Ms>(out, position++), ...);
}

}  // namespace

std::string describe_model() {
  std::ostringstream out;
  out << "The activation-pathways model: " << PathwaysMechanisms::kCount
      << " mechanisms, called in this order in every phase of a month (models/ODD.md, section "
         "3).\n\n"
      << "core columns (models/client.hpp):\n";
  describe_group<CoreColumns>(out, "   ");
  out << "\n";
  describe_list(out, PathwaysMechanisms{});
  out << "\nbytes per client: " << ClientColumns::bytes(Heat::kHot) << " hot, "
      << ClientColumns::bytes(Heat::kCold) << " cold; per active-list slot "
      << ActiveList::bytes_per_slot() << "\n"
      << "metrics: " << PathwaysMechanisms::kMetricTotal
      << "; sums per region: " << PathwaysMechanisms::kSumTotal << "\n";
  return out.str();
}

}  // namespace drempel
