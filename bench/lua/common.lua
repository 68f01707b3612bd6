-- Shared by the benchmark's wrk scripts: per-thread data from tab-separated files, status counting, and one RESULT
-- line at the end that bench/run reads. Latencies are wrk's own histogram: with a fixed number of connections each
-- waits for its answer before sending the next request, so a stall delays requests that were never sent and the
-- percentiles understate it (coordinated omission). bench/run says so beside the figures.
local common = {}
local threads = {}

function common.rows(file)
  local rows = {}
  for line in io.lines(file) do
    local row = {}
    for field in string.gmatch(line, "[^\t]+") do row[#row + 1] = field end
    rows[#rows + 1] = row
  end
  return rows
end

-- wrk calls request() once on its first thread to check the script, and never sends that request: a script that
-- hands out each line of a file once skips the call.
local checked = false
function common.checking()
  if thread_index == 1 and not checked then
    checked = true
    return true
  end
  return false
end

function common.count(status)
  codes[status] = (codes[status] or 0) + 1
end

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_index", #threads)
  thread:set("codes", {})
end

function done(summary, latency, requests)
  local statuses = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("codes")) do statuses[status] = (statuses[status] or 0) + n end
  end
  local listed = {}
  for status, n in pairs(statuses) do listed[#listed + 1] = status .. ":" .. n end
  table.sort(listed)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f " ..
    "socket_errors=%d statuses=%s\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000,
    errors.connect + errors.read + errors.write + errors.timeout, table.concat(listed, ",")))
end

return common
