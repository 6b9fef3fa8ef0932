-- PlayerKicked. ARGV[4] playerId, ARGV[5] the host's player_kicked frame (JSON, prepared by
-- realtime-service). Every instance closes the player's sockets when it hears the "kick".
local player = ARGV[4]
redis.call('ZREM', K.scores, player)
redis.call('HDEL', K.streaks, player)
redis.call('HDEL', K.standings, player)
return finish(envelope({ '"host":' .. ARGV[5], '"kick":' .. jstr(player) }))
