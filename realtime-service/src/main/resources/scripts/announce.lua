-- A connection announcement on the session's channel. KEYS: as named in K (ScriptKeys).
-- ARGV[1] the message. Returns how many subscribers heard it.
return redis.call(PUBLISH, K.channel, ARGV[1])
