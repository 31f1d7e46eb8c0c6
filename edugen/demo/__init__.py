"""The demo school shipped with edugen: math classes of grades 4 and 6-8, a curriculum of
grades 3-8, a catalog."""
