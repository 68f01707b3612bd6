-- The public menu of every store in turn; with BENCH_ETAGS set, each request sends the store's current ETag
-- (If-None-Match), so the answer is 304.
local common = dofile(os.getenv("BENCH_DIR") .. "/lua/common.lua")
local stores, next_store

function init(args)
  stores = common.rows(os.getenv("BENCH_STORES_FILE"))
  next_store = thread_index
end

function request()
  local store = stores[next_store % #stores + 1]
  next_store = next_store + 1
  local headers = {}
  if os.getenv("BENCH_ETAGS") == "1" then headers["If-None-Match"] = store[2] end
  return wrk.format("GET", "/api/v1/stores/" .. store[1] .. "/menu", headers)
end

function response(status)
  common.count(status)
end
