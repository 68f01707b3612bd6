-- Posts each line of BENCH_LINES_FILE once (tab-separated: path, bearer token or "-", JSON body or "-" for none), as
-- fast as the connections allow, and saves each answer as a line "status<TAB>body" (BENCH_SAVE_PREFIX<thread>). A
-- thread that has sent its share asks for "/" (a 404) ten times a second until bench/run stops wrk (stopping the
-- thread would drop the answers still on their way on its other connections). Used to prepare data (login codes, WeChat
-- payments) and to pay orders in the WeChat simulator.
local common = dofile(os.getenv("BENCH_DIR") .. "/lua/common.lua")
local lines, next_line, out, done_sending

function init(args)
  lines = {}
  local threads = tonumber(os.getenv("BENCH_THREADS"))
  local n = 0
  for _, row in ipairs(common.rows(os.getenv("BENCH_LINES_FILE"))) do
    if n % threads == thread_index - 1 then lines[#lines + 1] = row end
    n = n + 1
  end
  next_line = 1
  local save = os.getenv("BENCH_SAVE_PREFIX")
  if save then out = io.open(save .. thread_index, "w") end
end

function request()
  if common.checking() then return wrk.format("GET", "/") end
  local row = lines[next_line]
  next_line = next_line + 1
  if row == nil then
    done_sending = true
    return wrk.format("GET", "/")
  end
  local headers, body = {}, nil
  if row[2] ~= "-" then headers["Authorization"] = "Bearer " .. row[2] end
  if row[3] ~= "-" then headers["Content-Type"] = "application/json" body = row[3] end
  return wrk.format("POST", row[1], headers, body)
end

function delay()
  return done_sending and 100 or 0
end

function response(status, headers, body)
  common.count(status)
  if out then out:write(status, "\t", (body:gsub("\n", " ")), "\n") out:flush() end
end
