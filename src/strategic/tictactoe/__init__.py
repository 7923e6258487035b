"""The `tictactoe` study (CLAIMS H1, H2): strategic behaviour vs next-move prediction."""
