"""Data sets shared by studies: scikit-learn's 8×8 digits (offline) and, for the paper
profile, MNIST and CIFAR-10 readers with their downloads (`vision`)."""
