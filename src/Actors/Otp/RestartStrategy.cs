namespace Actors;

/// <summary>OTP restart strategies: which children restart when one terminates abnormally.</summary>
public enum RestartStrategy
{
    /// <summary>Only the terminated child is restarted.</summary>
    OneForOne,

    /// <summary>All children are terminated (reverse start order) and then all are restarted (start order).</summary>
    OneForAll,

    /// <summary>The terminated child and the children started after it are terminated and restarted.</summary>
    RestForOne,

    /// <summary>Like one_for_one, but all children are dynamic instances of one template child spec.</summary>
    SimpleOneForOne,
}
