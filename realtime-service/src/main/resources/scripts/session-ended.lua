-- SessionEnded. ARGV[5] how long the session's keys stay once it is over (seconds). The
-- final standings go to everyone, then every instance closes the session's sockets.
redis.call('HSET', state, 'status', 'ENDED')
local list = standings()
local message = envelope({ '"all":{"type":"session_ended","seq":' .. int(seq) .. ',"top":' .. top(list, 3)
  .. ',"playerCount":' .. int(#list) .. '}', '"personal":"final_result"', '"results":' .. finals(list),
  '"end":true' })
local result = finish(message)
local ttl = tonumber(ARGV[5])
local names = { 'state', 'players', 'kicked', 'online', 'online-instances', 'scores', 'streaks', 'standings', 'reveal' }
local count = tonumber(redis.call('HGET', state, 'questionCount')) or 0
for i = 0, count - 1 do
  names[#names + 1] = 'question:' .. i
  names[#names + 1] = 'answers:' .. i
  names[#names + 1] = 'distribution:' .. i
end
for _, name in ipairs(names) do
  redis.call('EXPIRE', prefix .. name, ttl)
end
return result
