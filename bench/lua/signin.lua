-- Sign-in with a fresh wx.login code each time, minted beforehand through the WeChat simulator (a code is good once).
-- A thread that has used its share of the codes stops.
local common = dofile(os.getenv("BENCH_DIR") .. "/lua/common.lua")
local codes, next_code

function init(args)
  codes = {}
  local threads = tonumber(os.getenv("BENCH_THREADS"))
  local n = 0
  for line in io.lines(os.getenv("BENCH_CODES_FILE")) do
    if n % threads == thread_index - 1 then codes[#codes + 1] = line end
    n = n + 1
  end
  next_code = 1
end

function request()
  if common.checking() then return wrk.format("GET", "/") end
  local code = codes[next_code]
  if code == nil then
    wrk.thread:stop()
    code = "exhausted-codes-000"
  end
  next_code = next_code + 1
  return wrk.format("POST", "/api/v1/auth/wechat", { ["Content-Type"] = "application/json" },
    '{"code":"' .. code .. '"}')
end

function response(status)
  common.count(status)
end
