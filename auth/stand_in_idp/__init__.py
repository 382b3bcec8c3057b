"""The DigiD stand-in: a real OpenID Provider (django-oauth-toolkit) with a persona picker. Never in production."""
