-- The heartbeat of one instance for one session it has sockets of: extends the instance's
-- lease, drops the counts of instances whose lease ran out (they died without closing
-- their sockets), then recomputes the whole online hash from the counts left.
-- KEYS: as named in K (ScriptKeys). ARGV[1] this instance's id, ARGV[2] how long a lease
-- lasts without a heartbeat (ms), ARGV[3] the longest a session key may live (seconds),
-- then player id, open sockets on this instance, … for every local player (as Redis
-- confirmed them).
local instance = ARGV[1]
local ttl = tonumber(ARGV[2])
local lifetime = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local lease = tonumber(redis.call('HGET', K.onlineLeases, instance))
local lapsed = lease == nil or lease < now

-- Which instances still count: this one, and those whose lease runs.
local live = { [instance] = true }
local leases = redis.call('HGETALL', K.onlineLeases)
for i = 1, #leases, 2 do
  if tonumber(leases[i + 1]) >= now then
    live[leases[i]] = true
  elseif leases[i] ~= instance then
    redis.call('HDEL', K.onlineLeases, leases[i])
  end
end

local totals = {}
local entries = redis.call('HGETALL', K.onlineSockets)
for i = 1, #entries, 2 do
  local owner, player = string.match(entries[i], '^(.*)/([^/]*)$')
  if not live[owner] or (lapsed and owner == instance) then
    -- A dead instance's counts, or this instance's own after its lease ran out (a stall
    -- longer than the lease, a Redis restart): the counts Redis confirmed to it, in ARGV,
    -- replace them below.
    redis.call('HDEL', K.onlineSockets, entries[i])
  else
    totals[player] = (totals[player] or 0) + tonumber(entries[i + 1])
  end
end
if lapsed then
  for i = 4, #ARGV, 2 do
    redis.call('HSET', K.onlineSockets, instance .. '/' .. ARGV[i], ARGV[i + 1])
    totals[ARGV[i]] = (totals[ARGV[i]] or 0) + tonumber(ARGV[i + 1])
  end
end
redis.call('HSET', K.onlineLeases, instance, now + ttl)
redis.call('EXPIRE', K.onlineLeases, lifetime, 'NX')
if #ARGV > 3 then
  redis.call('EXPIRE', K.onlineSockets, lifetime, 'NX')
end

local current = redis.call('HGETALL', K.online)
for i = 1, #current, 2 do
  local player = current[i]
  local total = totals[player] or 0
  if tonumber(current[i + 1]) ~= total then
    redis.call('HSET', K.online, player, total)
  end
  totals[player] = nil
end
for player, total in pairs(totals) do
  redis.call('HSET', K.online, player, total)
end
if #current > 0 or next(totals) ~= nil then
  redis.call('EXPIRE', K.online, lifetime, 'NX')
end
return 'OK'
