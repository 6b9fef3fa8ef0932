-- PlayerJoined. ARGV[4] playerId, ARGV[5] nickname.
local player = ARGV[4]
if redis.call('SISMEMBER', K.kicked, player) == 0 then
  redis.call('ZADD', K.scores, 'NX', 0, player)
  redis.call('HSETNX', K.streaks, player, 0)
  keep(K.scores)
  keep(K.streaks)
end
local count = redis.call('HLEN', K.players)
return finish(envelope({ '"host":{"type":"player_joined","seq":' .. int(seq) .. ',"playerId":' .. jstr(player)
  .. ',"nickname":' .. jstr(ARGV[5]) .. ',"playerCount":' .. int(count) .. '}' }))
