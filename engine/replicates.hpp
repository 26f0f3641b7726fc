#pragma once
// The replicate loop: every (point, replicate) of a run as a task, in parallel, so that a small
// region with many replicates (or a sweep) uses every core, and a large one still splits each
// month into parallel blocks (nested parallelism).
//
// Each thread holds one model at a time, built by `make(point)` and rebuilt only when the thread
// moves on to another point's tasks (tasks are ordered point by point). A replicate runs inside
// tbb::this_task_arena::isolate, so that while its thread waits inside its own parallel blocks it
// never picks up another replicate task on the same model. A task must write only its own
// replicate's outputs; since every random number is addressed by (seed, replicate, entity,
// month, stream), results do not depend on which thread ran which replicate.
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace drempel {

/// The process that runs task `task` (tasks numbered point by point, replicate by replicate) of
/// a run spread over `processes` (engine/process_group.hpp): round robin, so that each process
/// gets its share of every point.
inline int task_owner(std::size_t task, int processes) {
  return static_cast<int>(task % static_cast<std::size_t>(processes));
}

/// Calls run(model, point, replicate) for every point p in [0, replicates.size()) and replicate
/// r in [0, replicates[p]) whose task this process owns (task_owner(task, processes) == process;
/// all of them by default), in parallel; `make(p)` returns a std::unique_ptr<Model> for point p.
template <class Model, class Make, class Run>
void for_each_replicate(std::span<const std::int32_t> replicates, Make&& make, Run&& run,
                        int process = 0, int processes = 1) {
  std::vector<std::pair<std::size_t, std::int32_t>> tasks;
  std::size_t task = 0;
  for (std::size_t p = 0; p < replicates.size(); ++p)
    for (std::int32_t r = 0; r < replicates[p]; ++r)
      if (task_owner(task++, processes) == process) tasks.emplace_back(p, r);
  if (tasks.empty()) return;
  if (tasks.size() == 1) {
    // One replicate: no replicate-level parallelism to gain, and running it inside a parallel
    // task with isolation cost a tenth of the two-thread speed of its blocks.
    auto model = make(tasks.front().first);
    run(*model, tasks.front().first, tasks.front().second);
    return;
  }
  struct Slot {
    std::size_t point = std::numeric_limits<std::size_t>::max();
    std::unique_ptr<Model> model;
  };
  tbb::enumerable_thread_specific<Slot> slots;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, tasks.size(), 1),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      for (std::size_t t = range.begin(); t != range.end(); ++t) {
                        // (Not a structured binding: clang before 16 cannot capture one.)
                        const std::size_t point = tasks[t].first;
                        const std::int32_t replicate = tasks[t].second;
                        tbb::this_task_arena::isolate([&] {
                          Slot& slot = slots.local();
                          if (slot.point != point) {
                            slot.model.reset();  // free the old model before building the next
                            slot.model = make(point);
                            slot.point = point;
                          }
                          run(*slot.model, point, replicate);
                        });
                      }
                    });
}

}  // namespace drempel
