-- PlayerKicked. ARGV[4] playerId, ARGV[5] nickname. Every instance closes the player's
-- sockets when it hears the "kick".
local player = ARGV[4]
redis.call('ZREM', K.scores, player)
redis.call('HDEL', K.streaks, player)
redis.call('HDEL', K.standings, player)
local count = redis.call('HLEN', K.players)
return finish(envelope({ '"host":{"type":"player_kicked","seq":' .. int(seq) .. ',"playerId":' .. jstr(player)
  .. ',"nickname":' .. jstr(ARGV[5]) .. ',"playerCount":' .. int(count) .. '}', '"kick":' .. jstr(player) }))
