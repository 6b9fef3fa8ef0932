-- The heartbeat of one instance for one session it has sockets of: keeps the instance's
-- own online hash alive, then recomputes the whole online hash from the hashes still
-- alive, which drops the players of an instance that died without closing its sockets.
-- ARGV[1] key prefix, ARGV[2] this instance's id, ARGV[3] how long the instance's hash
-- lives without a heartbeat (ms), ARGV[4] the longest a session key may live (seconds),
-- then player id, open sockets on this instance, … for every local player (as Redis
-- confirmed them).
local prefix = ARGV[1]
local instance = ARGV[2]
local ttl = tonumber(ARGV[3])
local lifetime = tonumber(ARGV[4])
local online = prefix .. 'online'
local instances = prefix .. 'online-instances'
local mine = prefix .. 'online:' .. instance
if redis.call('EXISTS', mine) == 0 and #ARGV > 4 then
  -- The hash expired while this instance lived (a stall longer than the TTL, a Redis
  -- restart): the counts Redis had confirmed to it are the truth. Normally the
  -- per-socket changes keep the hash exact and this never runs.
  for i = 5, #ARGV, 2 do
    redis.call('HSET', mine, ARGV[i], ARGV[i + 1])
  end
  redis.call('HSET', mine, '-', 1)
end
if redis.call('EXISTS', mine) == 1 then
  redis.call('PEXPIRE', mine, ttl)
  redis.call('SADD', instances, instance)
  redis.call('EXPIRE', instances, lifetime, 'NX')
end
local totals = {}
for _, id in ipairs(redis.call('SMEMBERS', instances)) do
  local entries = redis.call('HGETALL', prefix .. 'online:' .. id)
  if #entries == 0 then
    redis.call('SREM', instances, id)
  end
  for i = 1, #entries, 2 do
    if entries[i] ~= '-' then
      totals[entries[i]] = (totals[entries[i]] or 0) + tonumber(entries[i + 1])
    end
  end
end
local current = redis.call('HGETALL', online)
for i = 1, #current, 2 do
  local player = current[i]
  local total = totals[player] or 0
  if tonumber(current[i + 1]) ~= total then
    redis.call('HSET', online, player, total)
  end
  totals[player] = nil
end
for player, total in pairs(totals) do
  redis.call('HSET', online, player, total)
end
if #current > 0 or next(totals) ~= nil then
  redis.call('EXPIRE', online, lifetime, 'NX')
end
return 'OK'
