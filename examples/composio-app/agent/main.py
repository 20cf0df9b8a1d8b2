"""The app's Python worker: stars repositories and sends digests for a user, with Composio."""
import os

from composio import Composio

composio = Composio(api_key=os.environ["COMPOSIO_API_KEY"])


def star(user_id: str, owner: str, repo: str) -> dict:
    result = composio.tools.execute(
        "GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER",
        arguments={"owner": owner, "repo": repo},
        user_id=user_id,
    )
    return result["data"]


def connect_gmail(user_id: str) -> str:
    request = composio.toolkits.authorize(user_id=user_id, toolkit="gmail")
    return request.redirect_url
