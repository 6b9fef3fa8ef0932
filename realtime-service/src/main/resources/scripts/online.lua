-- One more (or one fewer) open socket of a player on this instance. The instance's count
-- of the player (K.onlineSockets, field '<instance>/<player>') takes the change, and the
-- instance's lease (K.onlineLeases) is extended; the session's online count of the player
-- is then the sum over the instances whose lease still runs, so a socket of a dead
-- instance never adds to it for long.
-- KEYS: as named in K (ScriptKeys). ARGV[1] this instance's id, ARGV[2] player id, ARGV[3]
-- +1 or -1, ARGV[4] how long the instance's lease lasts without a heartbeat (ms), ARGV[5]
-- the longest a session key may live (seconds).
local instance = ARGV[1]
local player = ARGV[2]
local ttl = tonumber(ARGV[4])
local lifetime = tonumber(ARGV[5])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local field = instance .. '/' .. player
-- Below 0 only when the +1 was lost (the lease ran out meanwhile): nothing to count.
if redis.call('HINCRBY', K.onlineSockets, field, tonumber(ARGV[3])) <= 0 then
  redis.call('HDEL', K.onlineSockets, field)
end
redis.call('EXPIRE', K.onlineSockets, lifetime, 'NX')
redis.call('HSET', K.onlineLeases, instance, now + ttl)
redis.call('EXPIRE', K.onlineLeases, lifetime, 'NX')
local total = 0
local leases = redis.call('HGETALL', K.onlineLeases)
for i = 1, #leases, 2 do
  if tonumber(leases[i + 1]) >= now then
    total = total + (tonumber(redis.call('HGET', K.onlineSockets, leases[i] .. '/' .. player)) or 0)
  end
end
redis.call('HSET', K.online, player, total)
redis.call('EXPIRE', K.online, lifetime, 'NX')
return total
