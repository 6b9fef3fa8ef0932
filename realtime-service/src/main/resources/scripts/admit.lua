-- What the socket upgrade needs to admit a host or a player, in one round trip.
-- KEYS: as named in K (ScriptKeys). ARGV[1] the player's or host's id.
-- Returns JSON {"found":..,"status":..,"hostId":..,"nickname":..,"kicked":..}.
local id = ARGV[1]
local s = redis.call('HMGET', K.state, 'status', 'hostId')
if not s[1] then
  return '{"found":false}'
end
local nickname = redis.call('HGET', K.players, id)
local kicked = redis.call('SISMEMBER', K.kicked, id) == 1
return '{"found":true,"status":' .. jstr(s[1]) .. ',"hostId":' .. jstr(s[2]) .. ',"nickname":' .. jstr(nickname)
  .. ',"kicked":' .. tostring(kicked) .. '}'
