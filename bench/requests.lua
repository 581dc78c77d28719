-- wrk script: requests from a file, each with its owner's bearer token.
--   wrk ... -s bench/requests.lua URL -- REQUESTS TOKENS MODE METHOD [BODY]
-- REQUESTS: lines "path<TAB>token-index" (1-based); TOKENS: one token per line.
-- MODE: "random" (uniform choice per request) or "sequence" (each line once, in order, split
-- between threads: for reads that must miss the cache). BODY: a file sent with every request,
-- or "-" for none. THREADS: wrk's -t, so that sequence mode can interleave the threads.
-- done() prints one line, "BENCH_JSON {...}", that bench/wrk.py parses.

local paths, owners, tokens = {}, {}, {}
local mode, method, body = "random", "GET", nil
local next_index, stride = 0, 1

local thread_count = 0

-- Runs in the main state, once per thread: gives each thread its number (a global there).
function setup(thread)
  thread:set("thread_number", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  for line in io.lines(args[2]) do
    tokens[#tokens + 1] = line
  end
  for line in io.lines(args[1]) do
    local path, owner = line:match("^(%S+)\t(%d+)$")
    paths[#paths + 1] = path
    owners[#owners + 1] = tonumber(owner)
  end
  mode, method = args[3], args[4]
  if args[5] and args[5] ~= "-" then
    local f = assert(io.open(args[5], "rb"))
    body = f:read("*a")
    f:close()
  end
  -- Threads take interleaved lines in sequence mode, so no line is sent twice.
  stride = tonumber(args[6] or "1")
  next_index = thread_number or 0
  math.randomseed(os.time() * 1000 + (thread_number or 0))
end

function request()
  local i
  if mode == "sequence" then
    i = (next_index % #paths) + 1
    next_index = next_index + stride
  else
    i = math.random(#paths)
  end
  local headers = { ["Authorization"] = "Bearer " .. tokens[owners[i]] }
  if body then
    headers["Content-Type"] = "application/json"
  end
  return wrk.format(method, paths[i], headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
