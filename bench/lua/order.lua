-- One wrk thread with one connection per diner (run with -t N -c N): the diner adds a dish to their tab's cart, then
-- places the order with a fresh idempotency key, and again. Each diner sits at a different table, across the stores.
-- Every submit's key and answer go to a file (BENCH_SAVE_PREFIX<thread>): bench/run checks the database holds an
-- order for each 201 and for no other answer (a submit still in flight when wrk stops has no answer: either way).
local common = dofile(os.getenv("BENCH_DIR") .. "/lua/common.lua")
local diner, adding, placed, run, log, key

-- A warm-up round (BENCH_WARMUP_ROUND) seats its diners from BENCH_WARM_DINERS_FILE instead, the next set each round:
-- the JIT compilers want minutes of load, and tabs hundreds of orders long are no restaurant's (nor what the measured
-- diners should meet).
function init(args)
  local round = tonumber(os.getenv("BENCH_WARMUP_ROUND") or "")
  if round then
    local diners = common.rows(os.getenv("BENCH_WARM_DINERS_FILE"))
    diner = diners[(round * tonumber(os.getenv("BENCH_DINERS")) + thread_index - 1) % #diners + 1]
  else
    local diners = common.rows(os.getenv("BENCH_DINERS_FILE"))
    diner = diners[(thread_index - 1) % #diners + 1]
  end
  adding = true
  placed = 0
  run = os.getenv("BENCH_RUN")
  log = io.open(os.getenv("BENCH_SAVE_PREFIX") .. thread_index, "w")
end

function request()
  local headers = { ["Authorization"] = "Bearer " .. diner[3], ["Content-Type"] = "application/json" }
  local path = "/api/v1/stores/" .. diner[1] .. "/tabs/" .. diner[2]
  if adding then
    return wrk.format("POST", path .. "/cart", headers, '{"dish_id":"' .. diner[4] .. '","quantity":1}')
  end
  placed = placed + 1
  key = string.format("%s-%d-%d", run, thread_index, placed)
  log:write("sent\t", key, "\n")
  return wrk.format("POST", path .. "/orders", headers, '{"idempotency_key":"' .. key .. '","head_count":2}')
end

function response(status)
  common.count(status)
  if not adding then
    log:write(status, "\t", key, "\n")
    log:flush()
  end
  adding = not adding
end
