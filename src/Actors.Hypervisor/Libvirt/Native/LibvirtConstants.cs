namespace Actors.Hypervisor;

/// <summary>The numbers from libvirt's headers that the driver depends on (libvirt-domain.h, virterror.h).
/// They are ABI: libvirt only ever appends to these enums.</summary>
internal static class LibvirtConstants
{
    // virErrorNumber
    public const int ErrDomainExists = 28;
    public const int ErrNoDomain = 42;
    public const int ErrOperationInvalid = 55;
    public const int ErrNoDomainMetadata = 80;

    // virDomainDefineFlags
    public const uint DefineValidate = 1;

    // virDomainMetadataType
    public const int MetadataElement = 2;

    // virDomainEventID
    public const int EventIdLifecycle = 0;

    // virDomainEventType
    public const int EventDefined = 0;
    public const int EventUndefined = 1;
    public const int EventStarted = 2;
    public const int EventStopped = 5;

    // virDomainEventDefinedDetailType
    public const int DefinedUpdated = 1;

    // virDomainEventStoppedDetailType
    public const int StoppedShutdown = 0;
    public const int StoppedDestroyed = 1;

    // virDomainState
    public const int StateShutdown = 4;
    public const int StateShutoff = 5;
    public const int StateCrashed = 6;

    // virDomainShutoffReason
    public const int ShutoffUnknown = 0;
    public const int ShutoffShutdown = 1;
    public const int ShutoffDestroyed = 2;
}
