"""What the mock answers to a request without x-mock-fixture: the official SDKs, pointed at
costgate, cannot send that header, so each billable call they make is mapped from (method, path
pattern) to a recorded fixture, or to a synthetic response shaped exactly like the real API.

Any model name in the path is accepted. Shape sources are cited per route (PROVIDERS.md is
/work/shared/PROVIDERS.md, fixtures are tests/fixtures/<provider>/).
"""

import base64
import http
import json
import re
import urllib.parse

# Gemini API and Vertex AI model methods: /{ver}/models/{m}:{method} and
# /{ver}/[projects/{p}/locations/{l}/]publishers/google/models/{m}:{method} (PROVIDERS.md A1).
MODEL_METHOD = re.compile(r"^/v1[a-z0-9]*/(?:.*/)?models/[^/:]+:([A-Za-z]+)$")
OPENAI_CHAT = re.compile(r"^/v1[a-z0-9]*/openai/chat/completions$")
OPENAI_EMBEDDINGS = re.compile(r"^/v1[a-z0-9]*/openai/embeddings$")
ELEVENLABS_TTS = re.compile(r"^/v1/text-to-speech/[^/]+(/stream)?$")
CLOUD_TTS_SYNTHESIZE = re.compile(r"^/v1(?:beta1)?/text:synthesize$")

# Recorded fixtures replayed for the SDKs' Gemini calls (the model in the path may differ).
GENERATE_FIXTURE = "ddtrace-gemini-2.0-flash-generateContent-gzip"
STREAM_SSE_FIXTURE = "ddtrace-gemini-2.0-flash-streamGenerateContent-sse"
STREAM_ARRAY_FIXTURE = "llmgemini-flash-latest-streamGenerateContent-jsonarray-gzip"
COUNT_TOKENS_FIXTURE = "pydanticai-countTokens-raw"
BATCH_EMBED_FIXTURE = "llmgemini-embedding-2-batchEmbedContents"
EMBED_FIXTURE = "pydanticai-vertex-embedContent"
# Vertex AI's own recordings, for a Vertex AI path (publishers/google/models/...): the genai SDK
# with vertexai: true sends these methods, embedContent as :predict for text-embedding and
# gemini-embedding-001 models (PROVIDERS.md A2).
VERTEX_PATH = re.compile(r"/publishers/[^/]+/models/")
VERTEX_FIXTURES = {
    "generateContent": "ddtrace-vertex-2.0-flash-generateContent-gzip",
    "streamGenerateContent": "ddtrace-vertex-2.0-flash-streamGenerateContent-sse",
    "countTokens": "pydanticai-vertex-countTokens.0",
    "embedContent": EMBED_FIXTURE,
    "predict": "pydanticai-vertex-embeddings-predict",
}

# OpenAI-compatible chat completion usage: thinking tokens are only inside total_tokens
# (PROVIDERS.md A8: 35 + 12 != 109 in pydantic-ai's recorded Gemini answer).
OPENAI_PROMPT_TOKENS = 8
OPENAI_COMPLETION_TOKENS = 5
OPENAI_TOTAL_TOKENS = 29
OPENAI_TEXT_PIECES = ["Hello", " from", " the mock."]

# One MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz: 417 bytes) repeated: bytes an MP3 decoder
# accepts as silence-ish audio. The SDKs pass audio through without decoding it.
MP3_FRAME = b"\xff\xfb\x90\x64" + bytes(413)
MP3_FRAMES = 10
AUDIO_CHUNK_BYTES = 1024


class Reply:
    """A response as the mock's sender needs it (the attributes of a Fixture)."""

    def __init__(self, name, status, headers, chunks, chunked):
        self.name = name
        self.status = status
        self.reason = http.HTTPStatus(status).phrase
        self.headers = headers
        self.chunks = chunks
        self.chunked = chunked


def default_reply(method, target, headers, body, fixtures):
    """The Reply for an SDK request, or None when no default route matches."""
    parts = urllib.parse.urlsplit(target)
    path = urllib.parse.unquote(parts.path)
    query = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    accepts_gzip = "gzip" in (headers.get("Accept-Encoding") or "").lower()
    if method != "POST":
        return None
    match = MODEL_METHOD.match(path)
    if match and match.group(1) == "generateContent" and headers.get("x-mock-usage"):
        return generate_with_usage(headers.get("x-mock-usage"))
    if match:
        vertex = VERTEX_PATH.search(path) is not None
        return gemini_model_method(match.group(1), query, vertex, accepts_gzip, fixtures)
    if OPENAI_CHAT.match(path):
        return openai_chat(parse_json(body))
    if OPENAI_EMBEDDINGS.match(path):
        return openai_embeddings(parse_json(body))
    match = ELEVENLABS_TTS.match(path)
    if match:
        return elevenlabs_tts(parse_json(body), streamed=match.group(1) is not None)
    if CLOUD_TTS_SYNTHESIZE.match(path):
        return cloud_tts_synthesize()
    return None


def parse_json(body):
    try:
        value = json.loads(body or b"{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def gemini_model_method(model_method, query, vertex, accepts_gzip, fixtures):
    # No Vertex AI JSON-array stream is recorded: Gemini's stands in for it.
    json_array = model_method == "streamGenerateContent" and query.get("alt") != "sse"
    if vertex and model_method in VERTEX_FIXTURES and not json_array:
        name = VERTEX_FIXTURES[model_method]
    elif model_method == "generateContent":
        name = GENERATE_FIXTURE
    elif model_method == "streamGenerateContent":
        name = STREAM_ARRAY_FIXTURE if json_array else STREAM_SSE_FIXTURE
    elif model_method == "countTokens":
        name = COUNT_TOKENS_FIXTURE
    elif model_method == "batchEmbedContents":
        name = BATCH_EMBED_FIXTURE
    elif model_method == "embedContent":
        name = EMBED_FIXTURE
    else:
        return None
    fixture = fixtures.get(name)
    if fixture is None:
        return None
    return fixture.identity() if fixture.gzip and not accepts_gzip else fixture


def generate_with_usage(usage):
    """generateContent answered with the usage a test names ("x-mock-usage: prompt=N,output=M"),
    so that a test can vary what each call really costs. The shape of the recorded
    generateContent answers (GENERATE_FIXTURE), uncompressed."""
    counts = dict(item.split("=", 1) for item in usage.split(","))
    prompt, output = int(counts["prompt"]), int(counts["output"])
    answer = {"candidates": [{"content": {"parts": [{"text": "ok"}], "role": "model"},
                              "finishReason": "STOP", "avgLogprobs": -0.1}],
              "usageMetadata": {"promptTokenCount": prompt, "candidatesTokenCount": output,
                                "totalTokenCount": prompt + output,
                                "promptTokensDetails": [{"modality": "TEXT",
                                                         "tokenCount": prompt}],
                                "candidatesTokensDetails": [{"modality": "TEXT",
                                                             "tokenCount": output}]},
              "modelVersion": "gemini-2.0-flash-001"}
    head = [("Content-Type", "application/json; charset=UTF-8"), ("Vary", "Origin"),
            ("Server", "scaffolding on HTTPServer2")]
    return Reply("default:generate-with-usage", 200, head, [json.dumps(answer).encode()], False)


def openai_chat(request):
    """Gemini's OpenAI-compatible chat completion (PROVIDERS.md A8; pydantic-ai cassette
    tests/models/cassettes/test_openai/test_compatible_api_with_tool_calls_without_id.yaml, see
    tests/fixtures/gemini/README.md): JSON, or SSE chunks and a final `data: [DONE]`. Stream
    chunks carry the cumulative usage only when the request asks for it with
    stream_options.include_usage, which the openai SDKs do not by default (OpenAI's
    stream_options contract; Gemini returns no usage on such streams, e.g.
    PublicAffairs/openai-gemini#43)."""
    model = request.get("model", "gemini-2.5-flash")
    common = {"created": 1763856000, "id": "mock-openai-compat-1", "model": model}
    json_head = [("Content-Type", "application/json"), ("Vary", "Origin"),
                 ("Server", "scaffolding on HTTPServer2")]
    if not request.get("stream"):
        answer = dict(common, object="chat.completion", choices=[{
            "finish_reason": "stop", "index": 0,
            "message": {"content": "".join(OPENAI_TEXT_PIECES), "role": "assistant"}}],
            usage=openai_usage(len(OPENAI_TEXT_PIECES)))
        return Reply("default:openai-chat", 200, json_head, [json.dumps(answer).encode()], True)
    stream_options = request.get("stream_options")
    include_usage = isinstance(stream_options, dict) and stream_options.get("include_usage")
    chunks = []
    for index, piece in enumerate(OPENAI_TEXT_PIECES):
        last = index + 1 == len(OPENAI_TEXT_PIECES)
        choice = {"delta": {"content": piece, "role": "assistant"}, "index": 0}
        if last:
            choice["finish_reason"] = "stop"
        event = dict(common, object="chat.completion.chunk", choices=[choice])
        if include_usage:
            event["usage"] = openai_usage(index + 1)
        chunks.append(b"data: " + json.dumps(event).encode() + b"\n\n")
    chunks.append(b"data: [DONE]\n\n")
    sse_head = [("Content-Type", "text/event-stream"), ("Content-Disposition", "attachment"),
                ("Vary", "Origin"), ("Server", "scaffolding on HTTPServer2")]
    return Reply("default:openai-chat-stream", 200, sse_head, chunks, True)


def openai_embeddings(request):
    """Gemini's OpenAI-compatible embeddings: object, data and model, and no usage
    (agentgateway/agentgateway#2451 quotes the live answer). One 3-number vector per input."""
    inputs = request.get("input", "")
    count = len(inputs) if isinstance(inputs, list) else 1
    answer = {"object": "list", "model": request.get("model", "gemini-embedding-001"),
              "data": [{"object": "embedding", "index": i, "embedding": [0.25, -0.5, 0.125]}
                       for i in range(count)]}
    head = [("Content-Type", "application/json"), ("Vary", "Origin"),
            ("Server", "scaffolding on HTTPServer2")]
    return Reply("default:openai-embeddings", 200, head, [json.dumps(answer).encode()], True)


def openai_usage(pieces_sent):
    """Cumulative usage after `pieces_sent` pieces; the full counts once all are sent."""
    if pieces_sent >= len(OPENAI_TEXT_PIECES):
        completion, total = OPENAI_COMPLETION_TOKENS, OPENAI_TOTAL_TOKENS
    else:
        completion = pieces_sent
        total = OPENAI_PROMPT_TOKENS + completion
    return {"completion_tokens": completion, "prompt_tokens": OPENAI_PROMPT_TOKENS,
            "total_tokens": total}


def elevenlabs_tts(request, streamed):
    """ElevenLabs text-to-speech: audio/mpeg bytes; the headers of the real 200 answer dumped in
    elevenlabs/elevenlabs-js#407 (tests/fixtures/elevenlabs README, PROVIDERS.md B3), with
    character-cost = characters x the model's credit factor (1; 0.5 for Flash and Turbo)."""
    text = request.get("text", "")
    model = request.get("model_id", "eleven_multilingual_v2")
    half_price = "flash" in model or "turbo" in model
    credits = (len(text) + 1) // 2 if half_price else len(text)
    audio = MP3_FRAME * MP3_FRAMES
    head = [("content-type", "audio/mpeg"), ("server", "uvicorn"),
            ("access-control-expose-headers",
             "request-id, history-item-id, character-cost, regeneration-count, generation-info, "
             "current-concurrent-requests, maximum-concurrent-requests"),
            ("character-cost", str(credits)), ("request-id", "npQR4Xoyx4KHXQHSEy4s"),
            ("history-item-id", "OC6wybolpiQDhzjCRd1o"), ("tts-latency-ms", "782"),
            ("current-concurrent-requests", "1"), ("maximum-concurrent-requests", "10")]
    if streamed:
        pieces = [audio[i:i + AUDIO_CHUNK_BYTES] for i in range(0, len(audio), AUDIO_CHUNK_BYTES)]
        return Reply("default:elevenlabs-tts-stream", 200, head, pieces, True)
    return Reply("default:elevenlabs-tts", 200, head, [audio], False)


def cloud_tts_synthesize():
    """Cloud Text-to-Speech text:synthesize: pretty-printed {"audioContent": base64}, no usage
    (fixture tests/fixtures/google-tts/audioslides-v1beta1-text-synthesize-wavenet, PROVIDERS.md
    C2)."""
    audio = base64.b64encode(MP3_FRAME * MP3_FRAMES).decode()
    body = ('{\n  "audioContent": "' + audio + '"\n}\n').encode()
    head = [("Content-Type", "application/json; charset=UTF-8"), ("Vary", "X-Origin"),
            ("Server", "ESF")]
    return Reply("default:cloud-tts-synthesize", 200, head, [body], True)
