-- PlayerJoined. ARGV[5] playerId, ARGV[6] nickname.
local player = ARGV[5]
if redis.call('SISMEMBER', prefix .. 'kicked', player) == 0 then
  redis.call('ZADD', prefix .. 'scores', 'NX', 0, player)
  redis.call('HSETNX', prefix .. 'streaks', player, 0)
  keep(prefix .. 'scores')
  keep(prefix .. 'streaks')
end
local count = redis.call('HLEN', prefix .. 'players')
return finish(envelope({ '"host":{"type":"player_joined","seq":' .. int(seq) .. ',"playerId":' .. jstr(player)
  .. ',"nickname":' .. jstr(ARGV[6]) .. ',"playerCount":' .. int(count) .. '}' }))
