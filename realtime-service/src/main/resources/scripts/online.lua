-- One more (or one fewer) open socket of a player on this instance. The instance's own
-- hash takes the change (and lives on only while the instance's heartbeat refreshes it);
-- the session's online count of the player is then the sum over the instances still
-- known, so a socket of a dead instance never adds to it for long.
-- ARGV[1] key prefix, ARGV[2] this instance's id, ARGV[3] player id, ARGV[4] +1 or -1,
-- ARGV[5] how long the instance's hash lives without a heartbeat (ms), ARGV[6] the
-- longest a session key may live (seconds).
local prefix = ARGV[1]
local instance = ARGV[2]
local player = ARGV[3]
local ttl = tonumber(ARGV[5])
local lifetime = tonumber(ARGV[6])
local online = prefix .. 'online'
local instances = prefix .. 'online-instances'
local mine = prefix .. 'online:' .. instance
-- Below 0 only when the +1 was lost (the hash expired meanwhile): nothing to count.
if redis.call('HINCRBY', mine, player, tonumber(ARGV[4])) <= 0 then
  redis.call('HDEL', mine, player)
end
-- The field '-' says this instance holds the session: the hash outlives its last player
-- until the heartbeats stop, so a missing hash always means a lost one.
redis.call('HSET', mine, '-', 1)
redis.call('PEXPIRE', mine, ttl)
redis.call('SADD', instances, instance)
redis.call('EXPIRE', instances, lifetime, 'NX')
local total = 0
for _, id in ipairs(redis.call('SMEMBERS', instances)) do
  total = total + (tonumber(redis.call('HGET', prefix .. 'online:' .. id, player)) or 0)
end
redis.call('HSET', online, player, total)
redis.call('EXPIRE', online, lifetime, 'NX')
return total
