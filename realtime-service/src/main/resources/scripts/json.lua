-- Shared by the scripts that write JSON (the event scripts through apply-common, admit and
-- catchup); SessionStore puts it in front of them, since a Redis script cannot require.
-- A string as JSON; nil or false as null.
local function jstr(v)
  if not v then
    return 'null'
  end
  return cjson.encode(v)
end
