-- wrk script for POST /api/v1/sender/check: rotates over typical senders (own, partner, citizen, look-alike,
-- spoof with headers). The bearer token comes from the TOKEN environment variable.
local token = os.getenv("TOKEN")
local ar = "Received: from mail.example (198.51.100.7)\\r\\nAuthentication-Results: spf=pass (sender IP is 198.51.100.7) smtp.mailfrom=%s; dkim=pass (signature was verified) header.d=%s;dmarc=%s action=none header.from=%s;compauth=%s reason=100\\r\\nSubject: x\\r\\n"
local function body(address, name, domain, result, replyTo)
  local headers = string.format(ar, domain, domain, result, domain, result)
  local rt = replyTo and string.format(',"replyTo":[{"address":"%s","name":""}]', replyTo) or ""
  return string.format('{"from":{"address":"%s","name":"%s"}%s,"headers":"%s","locale":"sv"}', address, name, rt, headers)
end
local bodies = {
  body("anna.lindqvist@mjolby.se", "Anna Lindqvist", "mjolby.se", "pass"),
  body("kontakt@linkoping.se", "Linköpings kommun", "linkoping.se", "pass"),
  body("familjen.eklund@hotmail.se", "Eva Eklund", "hotmail.se", "pass"),
  body("it-support@mjolby-se.com", "Mjölby kommun IT", "mjolby-se.com", "pass", "x@gmail.com"),
  body("ekonomi@xn--mjol-ocb0336b.se", "Ekonomienheten", "xn--mjol-ocb0336b.se", "pass"),
  body("kommundirektor@mjolby.se", "Kommundirektören", "mjolby.se", "fail"),
  body("no-reply@kivra.com", "Kivra", "kivra.com", "pass"),
  body("anna.lindqvist@gmail.com", "Anna Lindqvist", "gmail.com", "pass"),
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/api/v1/sender/check",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, bodies[(i % #bodies) + 1])
end
response = function(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
