from edugen.cli import main

main()
