"""lingbi: record keeper for Lingbi County's campaign 脱贫攻坚——人大代表在行动."""

__version__ = "0.1.0"
