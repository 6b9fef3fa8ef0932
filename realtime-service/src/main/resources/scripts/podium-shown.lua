-- PodiumShown: the top 3 to everyone, each player their final rank.
redis.call('HSET', state, 'status', 'PODIUM')
local list = standings()
return finish(envelope({ '"all":{"type":"podium","seq":' .. int(seq) .. ',"top":' .. top(list, 3)
  .. ',"playerCount":' .. int(#list) .. '}', '"personal":"final_result"', '"results":' .. finals(list) }))
