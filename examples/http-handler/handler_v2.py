"""handler.py with one change: a POST now answers 201 Created.

Built into build/handler-v2.wasm, it replays the traces recorded from
handler.py until the first POST, where the replay names the request that now
behaves differently.
"""
import handler
from handler import IncomingHandler  # noqa: F401 (the export componentize-py looks for)

handler.status_for = lambda method: 201 if method == "POST" else 200
