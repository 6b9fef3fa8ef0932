-- SessionEnded. ARGV[4] how long the session's keys stay once it is over (seconds);
-- KEYS from K.extra on: every key of the session (SessionKeys.all). The final standings
-- go to everyone (as data, like the podium's), then every instance closes the session's
-- sockets.
redis.call('HSET', state, 'status', 'ENDED')
local fields = final(standings())
fields[#fields + 1] = '"end":true'
local result = finish(envelope(fields))
local ttl = tonumber(ARGV[4])
-- Every key of the session: the fixed ones, then (from K.extra) those of each question.
for i = K.extra, #KEYS do
  redis.call('EXPIRE', KEYS[i], ttl)
end
return result
