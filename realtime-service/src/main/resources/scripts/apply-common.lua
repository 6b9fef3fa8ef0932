-- The head of every event script: applies one session event exactly once, in seq order.
-- KEYS: the session's keys as named in K (ScriptKeys); K.state is its state hash,
-- K.channel its Pub/Sub channel, published to with PUBLISH (SPUBLISH on Redis Cluster).
-- ARGV[1] the event's seq, ARGV[2] its createdAt (epoch ms), ARGV[3] the longest a
-- session key may live (seconds). Event fields follow.
-- Returns DUPLICATE (already applied: ack and drop), GAP (an earlier event is missing:
-- retry later) or APPLIED (state changed and the broadcast published, atomically).
-- What a script publishes is data (the fields of realtime-service's Broadcast record) or a
-- frame realtime-service prepared: every frame is built and written by realtime-service.
local state = K.state
local channel = K.channel
local seq = tonumber(ARGV[1])
local createdAt = ARGV[2]
local lifetime = tonumber(ARGV[3])
local applied = tonumber(redis.call('HGET', state, 'seq') or '0')
if seq <= applied then
  return 'DUPLICATE'
end
if seq > applied + 1 then
  return 'GAP'
end

local function int(n)
  return string.format('%d', n)
end

-- cjson writes an empty table as {}: arrays are written by hand so an empty one stays [].
local function ints(list)
  local items = {}
  for i, n in ipairs(list) do
    items[i] = int(n)
  end
  return '[' .. table.concat(items, ',') .. ']'
end

local function strings(list)
  local items = {}
  for i, s in ipairs(list) do
    items[i] = jstr(s)
  end
  return '[' .. table.concat(items, ',') .. ']'
end

local function keep(key)
  redis.call('EXPIRE', key, lifetime, 'NX')
end

local function envelope(fields)
  local head = '{"seq":' .. int(seq) .. ',"createdAt":' .. createdAt
  if #fields == 0 then
    return head .. '}'
  end
  return head .. ',' .. table.concat(fields, ',') .. '}'
end

local function finish(message)
  redis.call('HSET', state, 'seq', seq)
  keep(state)
  redis.call(PUBLISH, channel, message)
  return 'APPLIED'
end

-- Every player by score, highest first, with competition ranks (1, 2, 2, 4).
local function standings()
  local flat = redis.call('ZREVRANGE', K.scores, 0, -1, 'WITHSCORES')
  local list = {}
  local rank, previous = 0, nil
  for i = 1, #flat, 2 do
    local score = tonumber(flat[i + 1])
    local position = (i + 1) / 2
    if score ~= previous then
      rank = position
      previous = score
    end
    list[position] = { id = flat[i], score = score, rank = rank }
  end
  return list
end

local function top(list, n)
  local count = math.min(n, #list)
  if count == 0 then
    return '[]'
  end
  local ids = {}
  for i = 1, count do
    ids[i] = list[i].id
  end
  local names = redis.call('HMGET', K.players, unpack(ids))
  local items = {}
  for i = 1, count do
    items[i] = '{"playerId":' .. jstr(list[i].id) .. ',"nickname":' .. jstr(names[i]) .. ',"score":'
      .. int(list[i].score) .. ',"rank":' .. int(list[i].rank) .. '}'
  end
  return '[' .. table.concat(items, ',') .. ']'
end

-- The final standings as broadcast fields: the top 3 and every player's own score and rank
-- (Broadcast.Standings and Broadcast.Personal).
local function final(list)
  local items = {}
  for i, entry in ipairs(list) do
    items[i] = jstr(entry.id) .. ':{"score":' .. int(entry.score) .. ',"rank":' .. int(entry.rank) .. '}'
  end
  return { '"standings":{"top":' .. top(list, 3) .. ',"playerCount":' .. int(#list) .. '}',
    '"finals":{' .. table.concat(items, ',') .. '}' }
end

