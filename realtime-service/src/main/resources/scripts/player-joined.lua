-- PlayerJoined. ARGV[4] playerId, ARGV[5] nickname, ARGV[6] the player count session-service
-- took at this join. Publishes the join as data ("joined"): each instance gathers the joins
-- into one players_joined frame per roster interval for its host screens.
local player = ARGV[4]
if redis.call('SISMEMBER', K.kicked, player) == 0 then
  redis.call('ZADD', K.scores, 'NX', 0, player)
  redis.call('HSETNX', K.streaks, player, 0)
  keep(K.scores)
  keep(K.streaks)
end
return finish(envelope({ '"joined":{"playerId":' .. jstr(player) .. ',"nickname":' .. jstr(ARGV[5])
  .. ',"playerCount":' .. int(tonumber(ARGV[6])) .. '}' }))
