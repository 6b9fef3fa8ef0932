-- PlayerKicked. ARGV[4] playerId, ARGV[5] nickname, ARGV[6] the player count session-service
-- took at this kick. Every instance closes the player's sockets when it hears the "kick".
local player = ARGV[4]
redis.call('ZREM', K.scores, player)
redis.call('HDEL', K.streaks, player)
redis.call('HDEL', K.standings, player)
return finish(envelope({ '"host":{"type":"player_kicked","seq":' .. int(seq) .. ',"playerId":' .. jstr(player)
  .. ',"nickname":' .. jstr(ARGV[5]) .. ',"playerCount":' .. int(tonumber(ARGV[6])) .. '}', '"kick":' .. jstr(player) }))
