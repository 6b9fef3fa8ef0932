-- One consistent snapshot of everything a client needs to draw its screen.
-- KEYS: as named in K (ScriptKeys), the per-question ones of question ARGV[3].
-- ARGV[1] HOST or PLAYER, ARGV[2] the player's id (players), ARGV[3] the index of the
-- question the caller read as current. Returns JSON; realtime-service turns it into the
-- catch-up frame, or calls again with the right keys when it gets {"retry":..} (the
-- question changed in between).
local role = ARGV[1]
local player = ARGV[2]
local flat = redis.call('HGETALL', K.state)
if #flat == 0 then
  return '{"found":false}'
end
local st = {}
for i = 1, #flat, 2 do
  st[flat[i]] = flat[i + 1]
end
if (tonumber(st.questionIndex) or -1) ~= tonumber(ARGV[3]) then
  return '{"found":true,"retry":' .. string.format('%d', tonumber(st.questionIndex) or -1) .. '}'
end
local function num(v)
  return string.format('%d', tonumber(v) or 0)
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local status = st.status
local index = tonumber(st.questionIndex) or -1
local parts = { '"found":true', '"now":' .. num(now), '"seq":' .. num(st.seq), '"status":' .. jstr(status),
  '"title":' .. jstr(st.title), '"pin":' .. jstr(st.pin), '"questionCount":' .. num(st.questionCount),
  '"questionIndex":' .. num(index), '"startedAt":' .. num(st.startedAt), '"deadline":' .. num(st.deadline),
  '"playerCount":' .. num(redis.call('HLEN', K.players)) }

if (status == 'QUESTION' or status == 'REVEAL') and index >= 0 then
  local question = redis.call('GET', K.question)
  if question then
    parts[#parts + 1] = '"question":' .. question
  end
  local answers = K.answers
  parts[#parts + 1] = '"answerCount":' .. num(redis.call('HLEN', answers))
  if role == 'PLAYER' then
    local answer = redis.call('HGET', answers, player)
    if answer then
      parts[#parts + 1] = '"answer":' .. answer
    end
  end
end
if status == 'REVEAL' then
  local reveal = redis.call('GET', K.reveal)
  if reveal then
    parts[#parts + 1] = '"reveal":' .. reveal
  end
end

local scores = K.scores
if role == 'HOST' then
  local players = redis.call('HGETALL', K.players)
  local items = {}
  if #players > 0 then
    local ids = {}
    for i = 1, #players, 2 do
      ids[#ids + 1] = players[i]
    end
    local online = redis.call('HMGET', K.online, unpack(ids))
    for i = 1, #players, 2 do
      local position = (i + 1) / 2
      items[position] = '{"playerId":' .. jstr(players[i]) .. ',"nickname":' .. jstr(players[i + 1])
        .. ',"online":' .. tostring((tonumber(online[position]) or 0) > 0) .. '}'
    end
  end
  parts[#parts + 1] = '"players":[' .. table.concat(items, ',') .. ']'
else
  parts[#parts + 1] = '"nickname":' .. jstr(redis.call('HGET', K.players, player))
  if status == 'PODIUM' or status == 'ENDED' then
    -- Nothing is open any more: the live scores are the final ones.
    local score = redis.call('ZSCORE', scores, player)
    if score then
      parts[#parts + 1] = '"score":' .. num(score)
      parts[#parts + 1] = '"rank":' .. num(redis.call('ZCOUNT', scores, '(' .. score, '+inf') + 1)
    end
    parts[#parts + 1] = '"streak":' .. num(redis.call('HGET', K.streaks, player))
  else
    -- The live scores already count answers to the open question; show the standing of
    -- the last reveal so a reload does not tell whether an answer was right.
    local standing = redis.call('HGET', K.standings, player)
    if standing then
      local s = cjson.decode(standing)
      parts[#parts + 1] = '"score":' .. num(s.score)
      parts[#parts + 1] = '"rank":' .. num(s.rank)
      parts[#parts + 1] = '"streak":' .. num(s.streak)
    end
  end
end

if status == 'PODIUM' or status == 'ENDED' then
  local best = redis.call('ZREVRANGE', scores, 0, 2, 'WITHSCORES')
  local items = {}
  for i = 1, #best, 2 do
    local position = (i + 1) / 2
    local nickname = redis.call('HGET', K.players, best[i])
    local rank = redis.call('ZCOUNT', scores, '(' .. best[i + 1], '+inf') + 1
    items[position] = '{"playerId":' .. jstr(best[i]) .. ',"nickname":' .. jstr(nickname) .. ',"score":'
      .. num(best[i + 1]) .. ',"rank":' .. num(rank) .. '}'
  end
  parts[#parts + 1] = '"podium":[' .. table.concat(items, ',') .. ']'
end
return '{' .. table.concat(parts, ',') .. '}'
