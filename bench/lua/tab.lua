-- Each diner in turn reads their own tab, as the mini-program does after every live update.
local common = dofile(os.getenv("BENCH_DIR") .. "/lua/common.lua")
local diners, next_diner

function init(args)
  diners = common.rows(os.getenv("BENCH_DINERS_FILE"))
  next_diner = thread_index
end

function request()
  local diner = diners[next_diner % #diners + 1]
  next_diner = next_diner + 1
  return wrk.format("GET", "/api/v1/stores/" .. diner[1] .. "/tabs/" .. diner[2],
    { ["Authorization"] = "Bearer " .. diner[3] })
end

function response(status)
  common.count(status)
end
