-- PlayerKicked. ARGV[5] playerId, ARGV[6] nickname. Every instance closes the player's
-- sockets when it hears the "kick".
local player = ARGV[5]
redis.call('ZREM', prefix .. 'scores', player)
redis.call('HDEL', prefix .. 'streaks', player)
redis.call('HDEL', prefix .. 'standings', player)
local count = redis.call('HLEN', prefix .. 'players')
return finish(envelope({ '"host":{"type":"player_kicked","seq":' .. int(seq) .. ',"playerId":' .. jstr(player)
  .. ',"nickname":' .. jstr(ARGV[6]) .. ',"playerCount":' .. int(count) .. '}', '"kick":' .. jstr(player) }))
