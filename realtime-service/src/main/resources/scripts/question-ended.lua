-- QuestionEnded. ARGV[4] index, ARGV[5] reason. Closes the question (the answer script
-- accepts nothing once the status is not QUESTION), resets the streak of players who did
-- not answer a scored question, stores the reveal for catch-ups and publishes it with
-- every player's own result, so no instance needs a Redis round trip per player.
local index = tonumber(ARGV[4])
local current = redis.call('HMGET', state, 'status', 'questionIndex')
local question = redis.call('GET', K.question)
if tonumber(current[2]) ~= index or not question then
  return finish(envelope({}))
end
redis.call('HSET', state, 'status', 'REVEAL')
local q = cjson.decode(question)
local scored = q.type ~= 'POLL'

local answers = {}
local answerCount, correctCount = 0, 0
local flat = redis.call('HGETALL', K.answers)
for i = 1, #flat, 2 do
  local answer = cjson.decode(flat[i + 1])
  answers[flat[i]] = answer
  answerCount = answerCount + 1
  if answer.correct == true then
    correctCount = correctCount + 1
  end
end

local distribution = {}
if q.type ~= 'TYPE_ANSWER' and #q.options > 0 then
  local fields = {}
  for i = 1, #q.options do
    fields[i] = tostring(i - 1)
  end
  local counts = redis.call('HMGET', K.distribution, unpack(fields))
  for i = 1, #q.options do
    distribution[i] = tonumber(counts[i]) or 0
  end
end

local streaks = K.streaks
local list = standings()
local results = {}
local revealed = K.standings
local pending = {}
for i, entry in ipairs(list) do
  local answer = answers[entry.id]
  local streak
  if answer then
    streak = answer.streak
  elseif scored then
    redis.call('HSET', streaks, entry.id, 0)
    streak = 0
  else
    streak = tonumber(redis.call('HGET', streaks, entry.id)) or 0
  end
  results[i] = jstr(entry.id) .. ':{"answered":' .. tostring(answer ~= nil) .. ',"correct":'
    .. tostring(answer ~= nil and answer.correct == true) .. ',"points":' .. int(answer and answer.points or 0)
    .. ',"streak":' .. int(streak) .. ',"score":' .. int(entry.score) .. ',"rank":' .. int(entry.rank) .. '}'
  pending[#pending + 1] = entry.id
  pending[#pending + 1] = '{"score":' .. int(entry.score) .. ',"rank":' .. int(entry.rank) .. ',"streak":'
    .. int(streak) .. '}'
  -- unpack() has a stack limit of a few thousand values: store the standings in slices.
  if #pending >= 2000 then
    redis.call('HSET', revealed, unpack(pending))
    pending = {}
  end
end
if #pending > 0 then
  redis.call('HSET', revealed, unpack(pending))
end
keep(revealed)

-- The reveal as data (the fields of realtime-service's Revealed record), kept for catch-ups.
local reveal = '{"seq":' .. int(seq) .. ',"questionIndex":' .. int(index) .. ',"questionType":'
  .. jstr(q.type) .. ',"correctOptions":' .. ints(q.correctOptions) .. ',"acceptedAnswers":'
  .. strings(q.acceptedAnswers) .. ',"distribution":' .. ints(distribution) .. ',"answerCount":' .. int(answerCount)
  .. ',"correctCount":' .. int(correctCount) .. ',"playerCount":' .. int(#list) .. ',"top":' .. top(list, 5)
  .. ',"reason":' .. jstr(ARGV[5]) .. '}'
redis.call('SET', K.reveal, reveal, 'EX', lifetime)
return finish(envelope({ '"revealed":' .. reveal, '"results":{' .. table.concat(results, ',') .. '}' }))
